#pragma once
// The interference views in a 2 × 2 grid: task-vector cosines, TIES sign conflicts per layer,
// task arithmetic's accuracy against λ, and each method's drop from the individual models.
// The first three are measured on request (the panel emits *Requested, the lab computes on a
// worker thread and calls show*); the drop chart follows the session's accuracies.
#include <QWidget>

#include "ui/base/lab_data.h"

namespace ms::ui {

class CosineMatrixFigure;
class FigureCard;
class LambdaSweepFigure;
class SignConflictFigure;
class TaskDropFigure;

class InterferencePanel : public QWidget {
    Q_OBJECT
public:
    enum class Figure { Cosine, Conflicts, Sweep, Drop };
    Q_ENUM(Figure)

    explicit InterferencePanel(QWidget* parent = nullptr);

    CosineMatrixFigure* cosineFigure() const { return cosine_; }
    SignConflictFigure* conflictFigure() const { return conflicts_; }
    LambdaSweepFigure* sweepFigure() const { return sweep_; }
    TaskDropFigure* dropFigure() const { return drop_; }
    FigureCard* figure(Figure which) const;

    void setTasks(const QVector<TaskInfo>& tasks);
    // Encoder layers of the pool's model, for the cosine figure's layer choice (default 12).
    void setLayerCount(int layers);
    void setAccuracies(const QVector<MethodAccuracy>& rows);

public Q_SLOTS:
    void showCosine(const ms::ui::LabeledMatrix& matrix);
    void showConflicts(const ms::ui::SignConflictProfile& profile);
    void showSweep(const ms::ui::LambdaSweep& sweep);
    // Panel-wide: the three measured figures (the drop chart only follows accuracies).
    void showBusy(const QString& text);
    void showError(const QString& text);
    // One figure.
    void showBusy(ms::ui::InterferencePanel::Figure which, const QString& text);
    void showError(ms::ui::InterferencePanel::Figure which, const QString& text);
    // Back to the empty states, e.g. when another pool opens.
    void clear();

Q_SIGNALS:
    void cosineRequested(const QString& group, int layer);
    void conflictsRequested(double keepPercent);
    void sweepRequested(const QVector<double>& lambdas);

private:
    CosineMatrixFigure* cosine_ = nullptr;
    SignConflictFigure* conflicts_ = nullptr;
    LambdaSweepFigure* sweep_ = nullptr;
    TaskDropFigure* drop_ = nullptr;
};

}  // namespace ms::ui
