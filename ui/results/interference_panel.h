#pragma once
// The interference views in two rows: what the task vectors are and what merging them costs
// (task-vector cosines, TIES sign conflicts per layer, each method's drop from the individual
// models), then where prediction entropy points (task arithmetic's accuracy and entropy against λ,
// the adaptation signal: which task vectors entropy minimisation will raise for which task, and
// the pool diagnostics: whether routers can see the tasks, whether the vectors leave each other
// alone, whether entropy can find the experts).
// All but the drop chart are measured on request (the panel emits *Requested, the lab computes on
// a worker thread and calls show*); the drop chart follows the session's accuracies.
#include <QWidget>

#include "ui/base/lab_data.h"

namespace ms::ui {

class CosineMatrixFigure;
class EntropySignalFigure;
class FigureCard;
class LambdaSweepFigure;
class PoolDiagnosticsFigure;
class SignConflictFigure;
class TaskDropFigure;

class InterferencePanel : public QWidget {
    Q_OBJECT
public:
    enum class Figure { Cosine, Conflicts, Sweep, Drop, Signal, Diagnostics };
    Q_ENUM(Figure)

    explicit InterferencePanel(QWidget* parent = nullptr);

    CosineMatrixFigure* cosineFigure() const { return cosine_; }
    SignConflictFigure* conflictFigure() const { return conflicts_; }
    LambdaSweepFigure* sweepFigure() const { return sweep_; }
    TaskDropFigure* dropFigure() const { return drop_; }
    EntropySignalFigure* signalFigure() const { return signal_; }
    PoolDiagnosticsFigure* diagnosticsFigure() const { return diagnostics_; }
    FigureCard* figure(Figure which) const;

    void setTasks(const QVector<TaskInfo>& tasks);
    // Encoder layers of the pool's model, for the layer choices (default 12).
    void setLayerCount(int layers);
    void setAccuracies(const QVector<MethodAccuracy>& rows);

public Q_SLOTS:
    void showCosine(const ms::ui::LabeledMatrix& matrix);
    void showConflicts(const ms::ui::SignConflictProfile& profile);
    void showSweep(const ms::ui::LambdaSweep& sweep);
    void showSignal(const ms::ui::AdaptationSignal& signal);
    void showDiagnostic(const ms::ui::PoolDiagnostic& diagnostic);
    // Panel-wide: the measured figures (the drop chart only follows accuracies).
    void showBusy(const QString& text);
    // One figure.
    void showBusy(ms::ui::InterferencePanel::Figure which, const QString& text);
    void showError(ms::ui::InterferencePanel::Figure which, const QString& text);
    // Back to the empty states, e.g. when another pool opens.
    void clear();

Q_SIGNALS:
    void cosineRequested(const QString& group, int layer);
    void conflictsRequested(double keepPercent);
    void sweepRequested(const QVector<double>& lambdas);
    void oraclePathRequested(const QVector<double>& alphas);
    void entropySignalRequested(double lambda);
    void diagnosticRequested(ms::ui::PoolDiagnostic::Kind kind, double lambda);

private:
    CosineMatrixFigure* cosine_ = nullptr;
    SignConflictFigure* conflicts_ = nullptr;
    LambdaSweepFigure* sweep_ = nullptr;
    TaskDropFigure* drop_ = nullptr;
    EntropySignalFigure* signal_ = nullptr;
    PoolDiagnosticsFigure* diagnostics_ = nullptr;
};

}  // namespace ms::ui
