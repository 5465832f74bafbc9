#pragma once
// The adaptation signal (T × T): before any test-time adaptation, which task vectors make each
// task's predictions surer. Row s = the test images of task s under its own head, column t = the
// coefficient of τ_t in the MLPs; blue = raising it lowers the mean prediction entropy. WEMoE's
// routers can learn to tell tasks apart where each row is bluest on its (outlined) diagonal and
// red elsewhere; a column blue in every row is raised for every image, which a bias does as well.
// Every layer comes with the data, so the layer choice redraws without asking the engine again.
#include "ui/base/lab_data.h"
#include "ui/results/figure_card.h"

class QCPColorScale;
class QCPItemText;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;

namespace ms::ui {

class EntropySignalFigure : public FigureCard {
    Q_OBJECT
public:
    explicit EntropySignalFigure(QWidget* parent = nullptr);

    void setTasks(const QVector<TaskInfo>& tasks);  // display names for the axes and tooltips
    void setLayerCount(int layers);                 // entries of the layer combo until data comes
    void showSignal(const AdaptationSignal& signal);
    const AdaptationSignal& signal() const { return signal_; }

    int layer() const;  // -1: all layers (summed)
    void setLayer(int layer);
    double lambda() const;  // the coefficient Compute asks for (default 0.3, WEMoE's start)
    void setLambda(double lambda);

    // What the reader sees, for the tests: the numbers in the cells row by row, a cell's colour,
    // the line under the plot, and a cell's tooltip.
    QStringList cellTexts() const { return cellTexts_; }
    bool cellTextsVisible() const { return cellTextsVisible_; }  // false while the cells are too small
    QColor cellColor(int imageTask, int vector) const;
    QString summaryText() const;
    QString cellToolTip(int imageTask, int vector) const;

    // Forgets the data and shows the invitation to compute.
    void clear();

    QString caption() const override;
    CsvTable data() const override;

public Q_SLOTS:
    // Emits entropySignalRequested() with lambda().
    void request();

Q_SIGNALS:
    void entropySignalRequested(double lambda);

private:
    void redraw();
    void fitCellTexts();  // after each layout: the numbers show only where they fit their cells
    QString displayName(int task) const;
    QString scopeText() const;  // "all layers", "layer 2"
    QString summary() const;

    QVector<TaskInfo> tasks_;
    AdaptationSignal signal_;
    QStringList cellTexts_;
    QVector<QCPItemText*> cellLabels_;
    bool cellTextsVisible_ = false;
    double reach_ = 1.0;  // the colour scale spans ±reach_
    QComboBox* layerCombo_ = nullptr;
    QDoubleSpinBox* lambdaSpin_ = nullptr;
    QPushButton* computeButton_ = nullptr;
    QCPColorScale* colorScale_ = nullptr;
    QLabel* summaryLabel_ = nullptr;
};

}  // namespace ms::ui
