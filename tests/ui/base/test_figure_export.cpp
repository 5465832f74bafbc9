// Figure export: CSV quoting by RFC 4180, atomic text files that leave nothing behind on failure,
// PNG (at twice the pixel size), SVG (with the caption in it) and PDF of a real QCustomPlot, a
// message for an unknown format, and the export button's direct entry points.
#include <QtTest>

#include <QDir>
#include <QFile>
#include <QImage>
#include <QMenu>
#include <QStandardPaths>
#include <QTemporaryDir>

#include "ui/base/figure_export.h"
#include "ui/base/qcustomplot_include.h"

using namespace ms::ui;

namespace {

// A plot with one graph: y = x² on 0…4.
std::unique_ptr<QCustomPlot> makePlot() {
    auto plot = std::make_unique<QCustomPlot>();
    plot->resize(400, 300);
    auto* graph = plot->addGraph();
    QVector<double> x, y;
    for (int i = 0; i <= 4; ++i) x << i, y << i * i;
    graph->setData(x, y);
    plot->xAxis->setRange(0, 4);
    plot->yAxis->setRange(0, 16);
    plot->replot();
    return plot;
}

QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QStringList filesIn(const QString& folder) {
    return QDir(folder).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot);
}

}  // namespace

class TestFigureExport : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;
    std::unique_ptr<QCustomPlot> plot_;

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);  // the figure size lives in QSettings
        setFigureExportSize(QSize());
        QVERIFY(dir_.isValid());
        plot_ = makePlot();
    }
    void cleanupTestCase() { plot_.reset(); }

    void csvQuotesCommasQuotesAndNewlines() {
        CsvTable t;
        t.header = {"method", "accuracy"};
        t.rows << QStringList{"plain", "0.5"} << QStringList{"WEMoE, 2-layer", "0.97"}
               << QStringList{"say \"hi\"", "x"} << QStringList{"two\nlines", ""} << QStringList{"cr\rlf", " a b "};
        QCOMPARE(t.toCsv(), QString("method,accuracy\n"
                                    "plain,0.5\n"
                                    "\"WEMoE, 2-layer\",0.97\n"
                                    "\"say \"\"hi\"\"\",x\n"
                                    "\"two\nlines\",\n"
                                    "\"cr\rlf\", a b \n"));
        CsvTable empty;
        empty.header = {"only"};
        QCOMPARE(empty.toCsv(), QString("only\n"));
    }

    void writeTextFileIsAtomic() {
        const QString path = dir_.filePath("table.csv");
        QCOMPARE(writeTextFile(path, "a,b\n1,2\n"), QString());
        QCOMPARE(readAll(path), QByteArray("a,b\n1,2\n"));
        QCOMPARE(writeTextFile(path, QString::fromUtf8("λ\n")), QString());
        QCOMPARE(readAll(path), QString::fromUtf8("λ\n").toUtf8());
        QCOMPARE(filesIn(dir_.path()).filter("table"), QStringList{"table.csv"});
    }

    void writeTextFileToAnUnwritablePathSaysSo() {
        QTemporaryDir local;
        // The parent is a regular file, so nobody (root included) can create the target.
        const QString blocker = local.filePath("blocker");
        QVERIFY(QFile(blocker).open(QIODevice::WriteOnly));
        const QString path = blocker + "/table.csv";
        const QString error = writeTextFile(path, "x\n");
        QVERIFY2(!error.isEmpty() && error.contains(path), qPrintable(error));
        QCOMPARE(filesIn(local.path()), QStringList{"blocker"});
        QCOMPARE(QFileInfo(blocker).size(), qint64(0));
    }

    void pngIsRenderedAtTwiceThePixelSize() {
        QTemporaryDir local;
        const QString bare = local.filePath("bare.png");
        QCOMPARE(exportFigure(plot_.get(), bare, QString(), 400, 300), QString());
        const QImage image(bare);
        QCOMPARE(image.size(), QSize(800, 600));
        // Not a blank page: the axes and the graph left dark pixels on the white background.
        int dark = 0;
        for (int y = 0; y < image.height(); y += 2)
            for (int x = 0; x < image.width(); x += 2) dark += qGray(image.pixel(x, y)) < 128;
        QVERIFY2(dark > 100, qPrintable(QString::number(dark)));
        QCOMPARE(image.pixelColor(1, 1), QColor(Qt::white));

        // A caption adds a band under the plot; the default size is the widget's (400 × 300).
        const QString captioned = local.filePath("captioned.png");
        QCOMPARE(exportFigure(plot_.get(), captioned, "Task arithmetic · λ 0.3 · seed 7"), QString());
        const QImage withCaption(captioned);
        QCOMPARE(withCaption.width(), 800);
        QVERIFY2(withCaption.height() > 600, qPrintable(QString::number(withCaption.height())));
        QCOMPARE(withCaption.height() % 2, 0);
        QCOMPARE(filesIn(local.path()), (QStringList{"bare.png", "captioned.png"}));
    }

    void svgAndPdfAreWrittenWithTheCaption() {
        QTemporaryDir local;
        const QString caption = "WEMoE routing seed 12345";
        const QString svg = local.filePath("figure.svg");
        QCOMPARE(exportFigure(plot_.get(), svg, caption, 500, 320), QString());
        const QByteArray svgText = readAll(svg);
        QVERIFY(svgText.startsWith("<?xml"));
        QVERIFY(svgText.contains("<svg"));
        QVERIFY2(svgText.contains(caption.toUtf8()), svgText.left(400).constData());
        QVERIFY(svgText.contains("viewBox=\"0 0 500 "));

        const QString pdf = local.filePath("figure.pdf");
        QCOMPARE(exportFigure(plot_.get(), pdf, caption, 500, 320), QString());
        const QByteArray pdfBytes = readAll(pdf);
        QVERIFY(pdfBytes.size() > 500);
        QVERIFY(pdfBytes.startsWith("%PDF"));
        QVERIFY(pdfBytes.trimmed().endsWith("%%EOF"));
        // Nothing but the two figures: no ".partial" left.
        QCOMPARE(filesIn(local.path()), (QStringList{"figure.pdf", "figure.svg"}));
    }

    void overwritingReplacesTheOldFigure() {
        QTemporaryDir local;
        const QString path = local.filePath("f.png");
        QCOMPARE(writeTextFile(path, "not a png"), QString());
        QCOMPARE(exportFigure(plot_.get(), path, QString(), 200, 100), QString());
        QCOMPARE(QImage(path).size(), QSize(400, 200));
        QCOMPARE(filesIn(local.path()), QStringList{"f.png"});
    }

    void unknownFormatsAndFailuresAreMessages() {
        QTemporaryDir local;
        const QString bmp = local.filePath("figure.bmp");
        const QString error = exportFigure(plot_.get(), bmp, "c");
        QVERIFY2(error.contains("bmp") && error.contains(".png"), qPrintable(error));
        QVERIFY(filesIn(local.path()).isEmpty());

        QVERIFY(!exportFigure(nullptr, local.filePath("x.png"), "c").isEmpty());

        const QString nowhere = local.filePath("no/such/folder/x.png");
        const QString failed = exportFigure(plot_.get(), nowhere, "c");
        QVERIFY2(failed.contains(nowhere), qPrintable(failed));
        QVERIFY(filesIn(local.path()).isEmpty());
    }

    void buttonExportsFigureAndData() {
        QTemporaryDir local;
        int captionCalls = 0;
        FigureSource source;
        source.plot = [this] { return plot_.get(); };
        source.caption = [&captionCalls] {
            ++captionCalls;
            return QString("Figure caption 42");
        };
        source.data = [] {
            CsvTable t;
            t.header = {"x", "y"};
            for (int i = 0; i <= 2; ++i) t.rows << QStringList{QString::number(i), QString::number(i * i)};
            return t;
        };
        source.baseName = "squares";
        FigureExportButton button(source);
        QVERIFY(button.menu());
        QCOMPARE(button.menu()->actions().size(), 4);  // figure, data, copy, figure size

        const QString svg = local.filePath("squares.svg");
        QCOMPARE(button.exportFigureTo(svg), QString());
        QCOMPARE(captionCalls, 1);
        QVERIFY(readAll(svg).contains("Figure caption 42"));
        const QString png = local.filePath("squares.png");
        QCOMPARE(button.exportFigureTo(png), QString());
        QCOMPARE(QImage(png).width(), 2 * plot_->width());

        const QString csv = local.filePath("squares.csv");
        QCOMPARE(button.exportDataTo(csv), QString());
        QCOMPARE(readAll(csv), QByteArray("x,y\n0,0\n1,1\n2,4\n"));
        QVERIFY(!button.exportFigureTo(local.filePath("squares.gif")).isEmpty());

        // The figure size, chosen in any button's menu, applies to every export and is remembered.
        QMenu* sizes = button.menu()->actions().last()->menu();
        QVERIFY(sizes);
        QCOMPARE(sizes->actions().size(), figureSizes().size());
        sizes->actions()[2]->trigger();  // two columns, 1280 × 560
        QCOMPARE(figureExportSize(), QSize(1280, 560));
        FigureExportButton other(source);
        const QString wide = local.filePath("wide.png");
        QCOMPARE(other.exportFigureTo(wide), QString());
        QCOMPARE(QImage(wide).width(), 2 * 1280);
        QVERIFY(QImage(wide).height() > 2 * 560);  // the caption band comes under it
        QMetaObject::invokeMethod(other.menu()->actions().last()->menu(), "aboutToShow");
        QVERIFY(other.menu()->actions().last()->menu()->actions()[2]->isChecked());
        const QString pdf = local.filePath("wide.pdf");
        QCOMPARE(other.exportFigureTo(pdf), QString());
        QVERIFY(readAll(pdf).contains("/MediaBox [0 0 1280"));
        sizes->actions()[0]->trigger();  // back to the size on screen
        QCOMPARE(figureExportSize(), QSize());
        QFile::remove(wide);
        QFile::remove(pdf);

        // A figure without data or plot says so instead of writing an empty file.
        FigureExportButton bare(FigureSource{});
        QVERIFY(!bare.exportDataTo(local.filePath("none.csv")).isEmpty());
        QVERIFY(!bare.exportFigureTo(local.filePath("none.png")).isEmpty());
        QCOMPARE(filesIn(local.path()), (QStringList{"squares.csv", "squares.png", "squares.svg"}));
    }
};

QTEST_MAIN(TestFigureExport)
#include "test_figure_export.moc"
