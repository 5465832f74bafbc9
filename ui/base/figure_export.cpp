#include "ui/base/figure_export.h"

#include <filesystem>

#include <QApplication>
#include <QClipboard>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>
#include <QPdfWriter>
#include <QActionGroup>
#include <QSaveFile>
#include <QSettings>
#include <QStandardPaths>
#include <QSvgGenerator>

#include "ui/base/qcustomplot_include.h"

namespace ms::ui {

namespace {

QString quoteCsv(const QString& field) {
    if (!field.contains(QLatin1Char(',')) && !field.contains(QLatin1Char('"')) && !field.contains(QLatin1Char('\n')) &&
        !field.contains(QLatin1Char('\r')))
        return field;
    QString quoted = field;
    quoted.replace(QLatin1String("\""), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

int captionHeight(const QString& caption, int width, const QFont& font) {
    if (caption.isEmpty()) return 0;
    const QFontMetrics metrics(font);
    const QRect bounds = metrics.boundingRect(QRect(0, 0, width - 24, 10000), Qt::TextWordWrap, caption);
    return bounds.height() + 16;
}

// Paints the plot and its caption on any device of size width × (height + caption band).
void paintFigure(QPaintDevice* device, QCustomPlot* plot, const QString& caption, int width, int height,
                 int band, const QFont& font) {
    QCPPainter painter(device);
    painter.fillRect(QRect(0, 0, width, height + band), Qt::white);
    plot->toPainter(&painter, width, height);
    if (band > 0) {
        painter.setPen(QColor(60, 60, 60));
        painter.setFont(font);
        painter.drawText(QRect(12, height + 8, width - 24, band - 8), Qt::TextWordWrap | Qt::AlignLeft, caption);
    }
    painter.end();
}

}  // namespace

QString CsvTable::toCsv() const {
    QStringList lines;
    auto line = [](const QStringList& fields) {
        QStringList quoted;
        for (const auto& f : fields) quoted << quoteCsv(f);
        return quoted.join(QLatin1Char(','));
    };
    lines << line(header);
    for (const auto& row : rows) lines << line(row);
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

QString writeTextFile(const QString& path, const QString& text) {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text))
        return QObject::tr("Cannot write %1: %2").arg(path, file.errorString());
    file.write(text.toUtf8());
    if (!file.commit()) return QObject::tr("Cannot write %1: %2").arg(path, file.errorString());
    return {};
}

QString exportFigure(QCustomPlot* plot, const QString& path, const QString& caption, int width, int height) {
    if (!plot) return QObject::tr("There is no figure to export.");
    if (width <= 0) width = std::max(plot->width(), 320);
    if (height <= 0) height = std::max(plot->height(), 240);
    QFont font = plot->font();
    font.setPointSizeF(9);
    const int band = captionHeight(caption, width, font);
    const QString suffix = QFileInfo(path).suffix().toLower();
    // Render to a temporary file next to the target, then rename: never half a figure.
    const QString partial = path + QStringLiteral(".partial");
    QFile::remove(partial);
    bool ok = false;
    if (suffix == QLatin1String("png")) {
        QImage image(width * 2, (height + band) * 2, QImage::Format_ARGB32);
        image.setDevicePixelRatio(2.0);
        image.fill(Qt::white);
        paintFigure(&image, plot, caption, width, height, band, font);
        ok = image.save(partial, "PNG");
    } else if (suffix == QLatin1String("svg")) {
        QSvgGenerator svg;
        svg.setFileName(partial);
        svg.setSize(QSize(width, height + band));
        svg.setViewBox(QRect(0, 0, width, height + band));
        svg.setTitle(QFileInfo(path).completeBaseName());
        svg.setDescription(caption);
        paintFigure(&svg, plot, caption, width, height, band, font);
        ok = QFileInfo(partial).size() > 0;
    } else if (suffix == QLatin1String("pdf")) {
        {
            QPdfWriter pdf(partial);
            pdf.setCreator(QStringLiteral("MergeScope"));
            pdf.setTitle(QFileInfo(path).completeBaseName());
            pdf.setResolution(96);
            pdf.setPageSize(QPageSize(QSizeF(width, height + band), QPageSize::Point));
            pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
            paintFigure(&pdf, plot, caption, width, height, band, font);
        }
        ok = QFileInfo(partial).size() > 0;
    } else {
        return QObject::tr("Unknown figure format \"%1\": use .png, .svg or .pdf.").arg(suffix);
    }
    if (!ok) {
        QFile::remove(partial);
        return QObject::tr("Cannot write %1.").arg(path);
    }
    // rename(2) replaces the old figure atomically: there is always a whole file at `path`.
    std::error_code ec;
    std::filesystem::rename(partial.toStdString(), path.toStdString(), ec);
    if (ec) {
        QFile::remove(partial);
        return QObject::tr("Cannot write %1: %2").arg(path, QString::fromStdString(ec.message()));
    }
    return {};
}

QVector<FigureSize> figureSizes() {
    // The plot's size; the caption band is added under it.
    return {{QObject::tr("As on screen"), QSize()},
            {QObject::tr("One column (plot 640 × 420)"), QSize(640, 420)},
            {QObject::tr("Two columns (plot 1280 × 560)"), QSize(1280, 560)},
            {QObject::tr("Slide (plot 1280 × 720)"), QSize(1280, 720)}};
}

QSize figureExportSize() {
    const QSize size = QSettings().value(QStringLiteral("export/figureSize")).toSize();
    return size.isValid() && size.width() >= 160 && size.height() >= 120 ? size : QSize();
}

void setFigureExportSize(const QSize& size) {
    QSettings settings;
    if (size.isValid()) settings.setValue(QStringLiteral("export/figureSize"), size);
    else settings.remove(QStringLiteral("export/figureSize"));
}

FigureExportButton::FigureExportButton(FigureSource source, QWidget* parent)
    : QToolButton(parent), source_(std::move(source)) {
    setText(tr("Export"));
    setToolTip(tr("Export this figure (PNG, SVG, PDF) with its caption, or its data as CSV"));
    setPopupMode(QToolButton::InstantPopup);
    auto* menu = new QMenu(this);
    menu->addAction(tr("Export figure…"), this, &FigureExportButton::chooseFigurePath);
    menu->addAction(tr("Export data (CSV)…"), this, &FigureExportButton::chooseDataPath);
    menu->addAction(tr("Copy image"), this, &FigureExportButton::copyImage);
    QMenu* sizes = menu->addMenu(tr("Figure size"));
    auto* group = new QActionGroup(sizes);
    for (const FigureSize& preset : figureSizes()) {
        QAction* action = sizes->addAction(preset.label);
        action->setCheckable(true);
        action->setData(preset.size);
        group->addAction(action);
        connect(action, &QAction::triggered, this, [size = preset.size] { setFigureExportSize(size); });
    }
    // Another figure's button may have changed the shared choice: show the current one.
    connect(sizes, &QMenu::aboutToShow, this, [group] {
        const QSize current = figureExportSize();
        for (QAction* action : group->actions()) action->setChecked(action->data().toSize() == current);
    });
    setMenu(menu);
}

QString FigureExportButton::exportFigureTo(const QString& path) const {
    const QSize size = figureExportSize();
    const QString error = exportFigure(source_.plot ? source_.plot() : nullptr, path,
                                       source_.caption ? source_.caption() : QString(), size.width(), size.height());
    return error;
}

QString FigureExportButton::exportDataTo(const QString& path) const {
    if (!source_.data) return tr("This figure has no data to export.");
    return writeTextFile(path, source_.data().toCsv());
}

void FigureExportButton::chooseFigurePath() {
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::PicturesLocation);
    QString filter;
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export figure"), folder + QLatin1Char('/') + source_.baseName + QStringLiteral(".png"),
        tr("PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)"), &filter);
    if (path.isEmpty()) return;
    if (const QString error = exportFigureTo(path); !error.isEmpty())
        QMessageBox::warning(this, tr("Export figure"), error);
    else
        Q_EMIT exported(path);
}

void FigureExportButton::chooseDataPath() {
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString path = QFileDialog::getSaveFileName(this, tr("Export data"),
                                                      folder + QLatin1Char('/') + source_.baseName + QStringLiteral(".csv"),
                                                      tr("CSV table (*.csv)"));
    if (path.isEmpty()) return;
    if (const QString error = exportDataTo(path); !error.isEmpty())
        QMessageBox::warning(this, tr("Export data"), error);
    else
        Q_EMIT exported(path);
}

void FigureExportButton::copyImage() {
    if (auto* plot = source_.plot ? source_.plot() : nullptr)
        QApplication::clipboard()->setPixmap(plot->toPixmap());
}

}  // namespace ms::ui
