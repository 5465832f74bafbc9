#pragma once
// Every figure of the app exports the same way: the plot as PNG, SVG or PDF with a caption
// (method, parameters, seed) under it, and the numbers behind it as CSV. Files are written
// atomically; failures come back as a message, never an exception.
#include <functional>

#include <QSize>
#include <QString>
#include <QStringList>
#include <QToolButton>
#include <QVector>

class QCustomPlot;

namespace ms::ui {

// The data behind a figure (or a table), ready for CSV.
struct CsvTable {
    QStringList header;
    QVector<QStringList> rows;
    QString toCsv() const;  // RFC 4180 quoting
};

// Renders `plot` at width × height pixels (0: its current size) with `caption` in a band under it
// and writes it to `path`, the format from the extension: .png (at 2× for print), .svg or .pdf.
// Returns an empty string on success, else what went wrong.
QString exportFigure(QCustomPlot* plot, const QString& path, const QString& caption, int width = 0,
                     int height = 0);

// Writes `text` to `path` atomically (temporary file, then rename). Empty string on success.
QString writeTextFile(const QString& path, const QString& text);

// Everything the export button needs to know about one figure.
struct FigureSource {
    std::function<QCustomPlot*()> plot;
    std::function<QString()> caption;
    std::function<CsvTable()> data;
    QString baseName;  // suggested file name without extension, e.g. "routing-heatmap"
};

// The sizes figures are exported at: the plot's, in logical pixels, with the caption band added
// under it (PNG doubles them, SVG and PDF scale freely).
// An invalid size means the figure's size on screen. The choice is shared by every figure and
// remembered between runs (QSettings "export/figureSize").
struct FigureSize {
    QString label;
    QSize size;
};
QVector<FigureSize> figureSizes();
QSize figureExportSize();
void setFigureExportSize(const QSize& size);

// A tool button with a menu: Export figure… (PNG/SVG/PDF), Export data (CSV)…, Copy image, and
// the Figure size for every export.
class FigureExportButton : public QToolButton {
    Q_OBJECT
public:
    explicit FigureExportButton(FigureSource source, QWidget* parent = nullptr);

    // Used by the file dialogs; tests and scripts call these directly.
    QString exportFigureTo(const QString& path) const;
    QString exportDataTo(const QString& path) const;

    // The file name the dialogs suggest, without extension (a figure that shows more than one kind).
    void setBaseName(const QString& baseName) { source_.baseName = baseName; }
    QString baseName() const { return source_.baseName; }

Q_SIGNALS:
    // After a successful export: the path written, for the status bar.
    void exported(const QString& path);

private:
    void chooseFigurePath();
    void chooseDataPath();
    void copyImage();

    FigureSource source_;
};

}  // namespace ms::ui
