#include "ui/routing/head_prediction_table.h"

#include <QHeaderView>
#include <QPainter>
#include <QStyledItemDelegate>

#include "ui/routing/routing_palette.h"

namespace ms::ui {

namespace {

constexpr int kVerdictRole = Qt::UserRole + 1;

// Paints a probability as a thin bar under its percentage, so a column of them reads at a glance.
class ProbabilityBarDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override {
        QStyleOptionViewItem opt(option);
        initStyleOption(&opt, index);
        const double p = std::clamp(index.data(Qt::UserRole).toDouble(), 0.0, 1.0);
        opt.text.clear();
        option.widget->style()->drawControl(QStyle::CE_ItemViewItem, &opt, painter, option.widget);
        const QRect area = option.rect.adjusted(4, 0, -4, 0);
        const int textWidth = option.fontMetrics.horizontalAdvance(QStringLiteral("100%")) + 4;
        const QRect track(area.left(), area.center().y() - 3, std::max(8, area.width() - textWidth), 6);
        painter->save();
        painter->setRenderHint(QPainter::Antialiasing);
        painter->setPen(Qt::NoPen);
        painter->setBrush(QColor(0, 0, 0, 28));
        painter->drawRoundedRect(track, 2, 2);
        painter->setBrush(option.palette.highlight());
        painter->drawRoundedRect(QRect(track.left(), track.top(), int(track.width() * p), track.height()), 2, 2);
        painter->setPen(option.palette.text().color());
        painter->drawText(area, Qt::AlignRight | Qt::AlignVCenter, index.data().toString());
        painter->restore();
    }
};

QIcon swatch(const QColor& color) {
    QPixmap pixmap(12, 12);
    pixmap.fill(color.isValid() ? color : QColor(Qt::gray));
    return QIcon(pixmap);
}

}  // namespace

HeadPredictionTable::HeadPredictionTable(QWidget* parent) : QTableWidget(0, ColumnCount, parent) {
    setHorizontalHeaderLabels({tr("Head"), tr("Top class"), tr("p"), QString()});
    horizontalHeaderItem(TaskColumn)->setToolTip(tr("The task whose classification head reads the merged model's features"));
    horizontalHeaderItem(ClassColumn)->setToolTip(tr("The class this head finds most likely"));
    horizontalHeaderItem(ProbabilityColumn)->setToolTip(tr("The head's softmax probability of its top class"));
    horizontalHeaderItem(VerdictColumn)->setToolTip(tr("Whether the image's own head names its true class"));
    verticalHeader()->hide();
    horizontalHeader()->setSectionResizeMode(TaskColumn, QHeaderView::ResizeToContents);
    horizontalHeader()->setSectionResizeMode(ClassColumn, QHeaderView::Stretch);
    horizontalHeader()->setSectionResizeMode(ProbabilityColumn, QHeaderView::Fixed);
    horizontalHeader()->setSectionResizeMode(VerdictColumn, QHeaderView::Fixed);
    horizontalHeader()->resizeSection(ProbabilityColumn, 76);
    horizontalHeader()->resizeSection(VerdictColumn, 26);
    setItemDelegateForColumn(ProbabilityColumn, new ProbabilityBarDelegate(this));
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setSelectionMode(QAbstractItemView::NoSelection);
    setFocusPolicy(Qt::NoFocus);  // nothing to select: keep ← → for the gallery
    setShowGrid(false);
    setWordWrap(false);
    setToolTip(tr("Each task's head applied to the merged model's features for this image"));
}

void HeadPredictionTable::clearPredictions() {
    setRowCount(0);
    setMaximumHeight(QWIDGETSIZE_MAX);
    highlightedRow_ = -1;
}

void HeadPredictionTable::setPredictions(const RoutingTrace& trace, const QVector<TaskInfo>& tasks) {
    clearPredictions();
    QStringList names;
    for (const auto& p : trace.predictions) names << p.task;
    const QVector<TaskInfo> heads = routing::tasksByName(names, tasks);
    const QString ownTask = trace.tasks.value(trace.trueTask);
    setRowCount(trace.predictions.size());
    for (int row = 0; row < trace.predictions.size(); ++row) {
        const HeadPrediction& p = trace.predictions[row];
        const bool own = !ownTask.isEmpty() && p.task == ownTask;
        auto* task = new QTableWidgetItem(swatch(heads[row].color), heads[row].displayName);
        auto* top = new QTableWidgetItem(p.topClass);
        auto* probability = new QTableWidgetItem(QStringLiteral("%1%").arg(qRound(p.probability * 100.0)));
        probability->setData(Qt::UserRole, p.probability);
        auto* verdict = new QTableWidgetItem;
        verdict->setTextAlignment(Qt::AlignCenter);
        task->setToolTip(own ? tr("%1 — the image's own task").arg(heads[row].displayName) : heads[row].displayName);
        top->setToolTip(tr("%1 head: %2 (%3)").arg(heads[row].displayName, p.topClass, probability->text()));
        probability->setToolTip(top->toolTip());
        if (own) {
            highlightedRow_ = row;
            QFont bold = font();
            bold.setBold(true);
            for (auto* item : {task, top, probability, verdict}) {
                item->setFont(bold);
                item->setBackground(QColor(heads[row].color.red(), heads[row].color.green(), heads[row].color.blue(), 40));
            }
            if (!trace.trueClass.isEmpty()) {
                const bool correct = p.topClass == trace.trueClass;
                verdict->setText(correct ? QStringLiteral("✓") : QStringLiteral("✗"));
                verdict->setForeground(correct ? QColor(0x1A, 0x7F, 0x37) : QColor(0xC6, 0x28, 0x28));
                verdict->setData(kVerdictRole, correct ? QStringLiteral("correct") : QStringLiteral("wrong"));
                verdict->setToolTip(correct ? tr("Correct: the true class is %1").arg(trace.trueClass)
                                            : tr("Wrong: the true class is %1").arg(trace.trueClass));
            }
        }
        setItem(row, TaskColumn, task);
        setItem(row, ClassColumn, top);
        setItem(row, ProbabilityColumn, probability);
        setItem(row, VerdictColumn, verdict);
    }
    resizeRowsToContents();
    // As tall as its rows: the space below belongs to the layout, not to an empty table.
    int height = horizontalHeader()->sizeHint().height() + 2 * frameWidth() + 2;
    for (int row = 0; row < rowCount(); ++row) height += rowHeight(row);
    setMaximumHeight(height);
}

QString HeadPredictionTable::verdict(int row) const {
    const auto* cell = item(row, VerdictColumn);
    return cell ? cell->data(kVerdictRole).toString() : QString();
}

}  // namespace ms::ui
