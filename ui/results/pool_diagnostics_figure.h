#pragma once
// The pool diagnostics (PoolDiagnostic in lab_data.h): the questions a researcher asks before
// spending a GPU-day on adaptation, one at a time in one card, each with core's verdict against
// the targets of a pool on which WEMoE can do what the paper shows.
//   Identifiability  bars per layer: the held-out accuracy of a probe reading the task from the
//                    router's input, beside the 95 % target and chance.
//   Disentanglement  task × task: each pair's error ξ over the α grid (lower is better; the
//                    target is ≤ 0.05 on average).
//   Alignment        per task, grouped bars: accuracy at the start, at the entropy optimum, at
//                    the oracle and at the cross-entropy optimum; the gap over each task.
// The card keeps the latest result of each kind: choosing a kind shows what was measured for it.
#include <array>

#include "ui/base/lab_data.h"
#include "ui/results/figure_card.h"

class QCPColorScale;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;

namespace ms::ui {

class PoolDiagnosticsFigure : public FigureCard {
    Q_OBJECT
public:
    using Kind = PoolDiagnostic::Kind;

    explicit PoolDiagnosticsFigure(QWidget* parent = nullptr);

    void setTasks(const QVector<TaskInfo>& tasks);  // display names for the axes and tooltips
    // Keeps `diagnostic` as the latest of its kind and shows it.
    void showDiagnostic(const PoolDiagnostic& diagnostic);
    const PoolDiagnostic& diagnostic(Kind kind) const { return results_[size_t(kind)]; }

    Kind kind() const;
    void setKind(Kind kind);
    double lambda() const;  // the task-arithmetic start Compute asks for (identifiability, alignment)
    void setLambda(double lambda);

    // What the reader sees, for the tests: the verdict line and whether it says met, the numbers
    // in the disentanglement cells row by row, and the tooltip at a data coordinate (a layer, a
    // task, or a cell of the matrix).
    QString verdictText() const;
    bool verdictShowsMet() const { return verdictMet_; }
    QStringList cellTexts() const { return cellTexts_; }
    QString toolTipAt(double x, double y) const;

    // Forgets every result and shows the invitation to compute.
    void clear();

    QString caption() const override;
    CsvTable data() const override;

public Q_SLOTS:
    // Emits diagnosticRequested() for the chosen kind and λ.
    void request();

Q_SIGNALS:
    void diagnosticRequested(ms::ui::PoolDiagnostic::Kind kind, double lambda);

private:
    void redraw();
    void drawIdentifiability(const PoolDiagnostic& d);
    void drawDisentanglement(const PoolDiagnostic& d);
    void drawAlignment(const PoolDiagnostic& d);
    void useColorScale(bool on);  // the matrix's colour scale joins the layout or leaves it
    void setVerdict(const PoolDiagnostic& d);
    QString displayName(const QString& task) const;
    QStringList displayNames(const PoolDiagnostic& d) const;

    QVector<TaskInfo> tasks_;
    std::array<PoolDiagnostic, 3> results_;
    QStringList cellTexts_;
    bool verdictMet_ = false;
    QComboBox* kindCombo_ = nullptr;
    QDoubleSpinBox* lambdaSpin_ = nullptr;
    QPushButton* computeButton_ = nullptr;
    QCPColorScale* colorScale_ = nullptr;
    QLabel* verdictLabel_ = nullptr;
};

}  // namespace ms::ui
