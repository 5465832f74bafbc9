#pragma once
// Task arithmetic's accuracy against its scaling λ (θ = θ0 + λ Σt τt): the mean over tasks with
// the min–max band over tasks, optional thin per-task lines, and the best λ marked. The band's
// width is the interference: one λ cannot suit every task. On a second axis, the mean prediction
// entropy: test-time adaptation trusts it, and the figure shows whether its lowest λ is the best one.
// The same figure walks the straight way from the WEMoE start to oracle routing (α from 0 to 1):
// how much routing could give, and whether entropy is downhill all the way there.
#include "ui/base/lab_data.h"
#include "ui/results/figure_card.h"
#include "ui/results/lambda_sweep_summary.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QPushButton;

namespace ms::ui {

class LambdaSweepFigure : public FigureCard {
    Q_OBJECT
public:
    explicit LambdaSweepFigure(QWidget* parent = nullptr);

    void setTasks(const QVector<TaskInfo>& tasks);  // task colours and display names
    void showSweep(const LambdaSweep& sweep);
    const LambdaSweep& sweep() const { return sweep_; }
    const LambdaSweepSummary& summary() const { return summary_; }

    // What Run sweep computes: task arithmetic against λ, or the way to oracle routing against α.
    LambdaSweep::Kind requestedKind() const;
    void setRequestedKind(LambdaSweep::Kind kind);
    // The values Run sweep asks for (default 0, 0.1, …, 1.0).
    QVector<double> requestedLambdas() const;
    void setPerTaskVisible(bool visible);
    bool perTaskVisible() const;
    // The mean prediction entropy on a second axis, with its lowest λ marked (when measured).
    void setEntropyVisible(bool visible);
    bool entropyVisible() const;

    // Forgets the data and shows the invitation to compute.
    void clear();

    QString caption() const override;
    CsvTable data() const override;

public Q_SLOTS:
    // Emits sweepRequested() or oraclePathRequested() with requestedLambdas().
    void request();

Q_SIGNALS:
    void sweepRequested(const QVector<double>& lambdas);
    void oraclePathRequested(const QVector<double>& alphas);

private:
    void redraw();
    void updateHeading(LambdaSweep::Kind kind);
    void applyRequestedKind();  // the controls' range and tooltips for what Run sweep computes
    TaskInfo taskInfo(const QString& name, int index) const;
    bool towardOracle() const { return sweep_.kind == LambdaSweep::Kind::TowardOracle; }
    QString symbol() const;  // λ or α, for what is shown

    QVector<TaskInfo> tasks_;
    LambdaSweep sweep_;
    LambdaSweepSummary summary_;
    QComboBox* kindCombo_ = nullptr;
    QDoubleSpinBox* stepSpin_ = nullptr;
    QDoubleSpinBox* maximumSpin_ = nullptr;
    QCheckBox* perTaskCheck_ = nullptr;
    QCheckBox* entropyCheck_ = nullptr;
    QPushButton* runButton_ = nullptr;
};

}  // namespace ms::ui
