#include "ui/teaching/ties_grid_view.h"

#include <algorithm>
#include <cmath>

#include <QPainter>

#include "ui/base/colors.h"
#include "ui/base/tool_tips.h"

namespace ms::ui {

namespace {

using Look = TiesGridCell::Look;

constexpr int kMargin = 12;
constexpr int kMinCellWidth = 50;
constexpr int kPreferredCellWidth = 74;
constexpr int kMaxCellWidth = 96;
constexpr int kCellHeight = 36;

// A diverging pair (ColorBrewer RdBu ends): blue for growth, red for shrinkage, colour-blind safe.
const QColor kPositive = divergingBlue();
const QColor kNegative = divergingRed();
const QColor kTrimmedFill(236, 236, 236);
const QColor kTrimmedText(165, 165, 165);
const QColor kInk(34, 34, 34);
const QColor kAccent(31, 58, 95);

// Fill strength of a value: never invisible when non-zero, full at the slice's largest |τ|.
double strength(double value, double scale) {
    if (value == 0.0) return 0.0;
    return 0.15 + 0.85 * std::min(1.0, std::abs(value) / scale);
}

QColor valueFill(double value, double scale) {
    if (value == 0.0) return QColor(246, 246, 246);
    return mixColors(Qt::white, value > 0 ? kPositive : kNegative, strength(value, scale));
}

QColor inkOn(double fillStrength) { return fillStrength > 0.55 ? QColor(Qt::white) : kInk; }

int firstSummaryRow(const TiesGrid& grid) {
    for (int r = 0; r < grid.rows.size(); ++r)
        if (grid.rows[r].kind == TiesGridRow::Kind::Summary) return r;
    return -1;
}

QString lookName(Look look) {
    switch (look) {
    case Look::Value: return QObject::tr("kept");
    case Look::Trimmed: return QObject::tr("trimmed: below this task's top-k threshold");
    case Look::Disagrees: return QObject::tr("crossed out: disagrees with the elected sign");
    case Look::Sum: return QObject::tr("sum of the trimmed entries");
    case Look::Sign: return QObject::tr("elected sign");
    case Look::Merged: return QObject::tr("merged: mean of the agreeing entries");
    }
    return {};
}

}  // namespace

TiesGridView::TiesGridView(QWidget* parent) : QWidget(parent) {
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    ToolTipOptions toolTips;
    toolTips.area = [this](const QPoint& pos) {  // the tip belongs to its cell
        const QPoint cell = cellAt(pos);
        return cell.x() < 0 ? QRect() : cellRect(cell.x(), cell.y());
    };
    installToolTips(this, [this](const QPoint& pos) { return toolTipAt(pos); }, toolTips);
    QFont f = font();
    f.setPointSizeF(10.5);
    setFont(f);
}

void TiesGridView::setGrid(TiesGrid grid) {
    grid_ = std::move(grid);
    updateGeometry();
    update();
}

void TiesGridView::setPlaceholder(const QString& text) {
    placeholder_ = text;
    update();
}

TiesGridView::Metrics TiesGridView::metricsFor(int width) const {
    Metrics m;
    QFont bold = font();
    bold.setBold(true);
    const QFontMetrics labelMetrics(bold);
    m.labelWidth = labelMetrics.horizontalAdvance(QStringLiteral("task \\ entry")) + 16;
    for (const auto& row : grid_.rows) m.labelWidth = std::max(m.labelWidth, labelMetrics.horizontalAdvance(row.label) + 16);
    QFont italic = font();
    italic.setItalic(true);
    // Reserve room for the widest note of any step, so the cells keep their place while stepping.
    m.noteWidth = QFontMetrics(italic).horizontalAdvance(QStringLiteral("× λ = 0.00, added to θ₀")) + 14;
    for (const auto& row : grid_.rows)
        m.noteWidth = std::max(m.noteWidth, QFontMetrics(italic).horizontalAdvance(row.note) + 14);
    const int n = std::max<int>(1, int(grid_.columns.size()));
    const int available = width - 2 * kMargin - m.labelWidth - m.noteWidth;
    m.cellWidth = std::clamp(available / n, kMinCellWidth, kMaxCellWidth);
    m.cellHeight = kCellHeight;
    m.headerHeight = 26;
    m.left = kMargin;
    m.top = kMargin;
    m.separatorGap = firstSummaryRow(grid_) >= 0 ? 16 : 0;
    m.legendHeight = 40;
    return m;
}

int TiesGridView::rowTop(const Metrics& m, int row) const {
    const int summary = firstSummaryRow(grid_);
    return m.top + m.headerHeight + row * m.cellHeight + (summary >= 0 && row >= summary ? m.separatorGap : 0);
}

QRect TiesGridView::cellRect(int row, int column) const {
    if (row < 0 || row >= grid_.rows.size() || column < 0 || column >= grid_.columns.size()) return {};
    const Metrics m = metricsFor(width());
    return QRect(m.left + m.labelWidth + column * m.cellWidth, rowTop(m, row), m.cellWidth, m.cellHeight);
}

QPoint TiesGridView::cellAt(const QPoint& pos) const {
    for (int r = 0; r < grid_.rows.size(); ++r)
        for (int c = 0; c < grid_.columns.size(); ++c)
            if (cellRect(r, c).contains(pos)) return {r, c};
    return {-1, -1};
}

QSize TiesGridView::sizeHint() const {
    if (grid_.isEmpty()) return {640, 240};
    const Metrics m = metricsFor(0);
    const int width = 2 * kMargin + m.labelWidth + m.noteWidth + int(grid_.columns.size()) * kPreferredCellWidth;
    const int height = rowTop(m, int(grid_.rows.size())) + m.legendHeight + kMargin;
    return {width, height};
}

QSize TiesGridView::minimumSizeHint() const {
    if (grid_.isEmpty()) return {320, 160};
    const Metrics m = metricsFor(0);
    return {2 * kMargin + m.labelWidth + m.noteWidth + int(grid_.columns.size()) * kMinCellWidth,
            rowTop(m, int(grid_.rows.size())) + m.legendHeight + kMargin};
}

void TiesGridView::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.fillRect(rect(), Qt::white);
    if (grid_.isEmpty()) {
        painter.setPen(QColor(120, 120, 120));
        painter.drawText(rect().adjusted(24, 24, -24, -24), Qt::AlignCenter | Qt::TextWordWrap, placeholder_);
        return;
    }
    const Metrics m = metricsFor(width());
    const int cellsLeft = m.left + m.labelWidth;
    const int cellsRight = cellsLeft + int(grid_.columns.size()) * m.cellWidth;

    // Header: entry numbers.
    QFont small = font();
    small.setPointSizeF(font().pointSizeF() * 0.85);
    painter.setFont(small);
    painter.setPen(QColor(120, 120, 120));
    painter.drawText(QRect(m.left, m.top, m.labelWidth - 10, m.headerHeight), Qt::AlignLeft | Qt::AlignVCenter,
                     QStringLiteral("task \\ entry"));
    for (int c = 0; c < grid_.columns.size(); ++c)
        painter.drawText(QRect(cellsLeft + c * m.cellWidth, m.top, m.cellWidth, m.headerHeight), Qt::AlignCenter,
                         grid_.columns[c]);

    const int summary = firstSummaryRow(grid_);
    if (summary >= 0) {
        const int y = rowTop(m, summary) - m.separatorGap / 2;
        painter.setPen(QPen(kAccent, 1.5));
        painter.drawLine(m.left, y, cellsRight, y);
    }

    QFont bold = font();
    bold.setBold(true);
    QFont italic = font();
    italic.setItalic(true);
    for (int r = 0; r < grid_.rows.size(); ++r) {
        const TiesGridRow& row = grid_.rows[r];
        const int top = rowTop(m, r);
        painter.setFont(row.kind == TiesGridRow::Kind::Summary ? bold : font());
        painter.setPen(row.kind == TiesGridRow::Kind::Summary ? kAccent : kInk);
        painter.drawText(QRect(m.left, top, m.labelWidth - 10, m.cellHeight), Qt::AlignLeft | Qt::AlignVCenter, row.label);
        QFont cellFont = font();
        if (m.cellWidth < 60) cellFont.setPointSizeF(font().pointSizeF() * 0.9);
        for (int c = 0; c < row.cells.size() && c < grid_.columns.size(); ++c) {
            painter.setFont(cellFont);
            paintCell(painter, QRect(cellsLeft + c * m.cellWidth, top, m.cellWidth, m.cellHeight), row.cells[c]);
        }
        if (!row.note.isEmpty()) {
            painter.setFont(italic);
            painter.setPen(QColor(100, 100, 100));
            painter.drawText(QRect(cellsRight + 12, top, m.noteWidth, m.cellHeight), Qt::AlignLeft | Qt::AlignVCenter,
                             row.note);
        }
    }
    paintLegend(painter, m, rowTop(m, int(grid_.rows.size())) + 10);
}

void TiesGridView::paintCell(QPainter& painter, const QRect& outer, const TiesGridCell& cell) const {
    const QRectF r = QRectF(outer).adjusted(1.5, 1.5, -1.5, -1.5);
    const double scale = grid_.colourScale;
    QColor fill = valueFill(cell.value, scale);
    QColor ink = inkOn(strength(cell.value, scale));
    QPen border(Qt::NoPen);
    QFont font = painter.font();
    switch (cell.look) {
    case Look::Value:
    case Look::Sum: break;
    case Look::Trimmed:
        fill = kTrimmedFill;
        ink = kTrimmedText;
        break;
    case Look::Disagrees:
        fill = mixColors(Qt::white, fill, 0.45);  // faded: it will not count
        ink = QColor(90, 90, 90);
        break;
    case Look::Sign:
        fill = cell.value > 0 ? kPositive : (cell.value < 0 ? kNegative : QColor(200, 200, 200));
        ink = Qt::white;
        font.setBold(true);
        font.setPointSizeF(font.pointSizeF() * 1.5);
        break;
    case Look::Merged:
        border = QPen(kAccent, 2.0);
        font.setBold(true);
        break;
    }
    painter.setPen(border);
    painter.setBrush(fill);
    painter.drawRoundedRect(r, 4, 4);
    painter.setFont(font);
    painter.setPen(ink);
    painter.drawText(r, Qt::AlignCenter, cell.text);
    if (cell.look == Look::Disagrees) {
        painter.setPen(QPen(QColor(40, 40, 40, 170), 1.4, Qt::SolidLine, Qt::RoundCap));
        const QRectF x = r.adjusted(5, 5, -5, -5);
        painter.drawLine(x.topLeft(), x.bottomRight());
        painter.drawLine(x.topRight(), x.bottomLeft());
    }
}

void TiesGridView::paintLegend(QPainter& painter, const Metrics& m, int top) const {
    struct Entry {
        TiesGridCell cell;
        QString text;
    };
    const double s = grid_.colourScale;
    QVector<Entry> entries{{{Look::Value, s, QStringLiteral("+")}, tr("positive (grew)")},
                           {{Look::Value, -s, QStringLiteral("−")}, tr("negative (shrank)")}};
    if (grid_.step >= TiesStep::Trim) entries.push_back({{Look::Trimmed, 0.0, QString()}, tr("trimmed")});
    if (grid_.step >= TiesStep::ElectSign)
        entries.push_back({{Look::Disagrees, 0.6 * s, QString()}, tr("disagrees with γ")});
    if (grid_.step == TiesStep::DisjointMerge) entries.push_back({{Look::Merged, 0.5 * s, QString()}, tr("merged")});

    QFont small = font();
    small.setPointSizeF(font().pointSizeF() * 0.9);
    int x = m.left;
    const int swatch = 24;
    for (const auto& e : entries) {
        painter.setFont(small);
        paintCell(painter, QRect(x, top, swatch + 6, swatch + 4), e.cell);
        painter.setFont(small);
        painter.setPen(kInk);
        const int textWidth = painter.fontMetrics().horizontalAdvance(e.text);
        painter.drawText(QRect(x + swatch + 12, top, textWidth + 4, swatch + 4), Qt::AlignLeft | Qt::AlignVCenter, e.text);
        x += swatch + 12 + textWidth + 24;
    }
    if (!grid_.unitNote.isEmpty()) {
        painter.setPen(QColor(90, 90, 90));
        painter.setFont(small);
        painter.drawText(QRect(x + 8, top, std::max(0, width() - x - 8 - kMargin), swatch + 4),
                         Qt::AlignLeft | Qt::AlignVCenter, grid_.unitNote);
    }
}

QString TiesGridView::toolTipAt(const QPoint& pos) const {
    const QPoint cell = cellAt(pos);
    if (cell.x() < 0) return {};
    const TiesGridRow& row = grid_.rows[cell.x()];
    const TiesGridCell& c = row.cells.value(cell.y());
    return tr("%1, entry %2\nvalue %3\n%4")
        .arg(row.label, grid_.columns.value(cell.y()))
        .arg(c.value, 0, 'g', 6)
        .arg(lookName(c.look));
}

}  // namespace ms::ui
