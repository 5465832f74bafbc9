#pragma once
// Task-vector cosine similarity (T × T), the first sign of interference: vectors that point the
// same way reinforce when added, orthogonal ones (cos ≈ 0, typical for fine-tuned ViTs) barely
// interact. An annotated heatmap, rows top-down like an image, over the whole model, the attention
// or the MLP weights, of all layers or one.
#include "ui/base/lab_data.h"
#include "ui/results/figure_card.h"

class QCPColorScale;
class QComboBox;
class QPushButton;

namespace ms::ui {

class CosineMatrixFigure : public FigureCard {
    Q_OBJECT
public:
    explicit CosineMatrixFigure(QWidget* parent = nullptr);

    void setTasks(const QVector<TaskInfo>& tasks);  // display names for the axes
    void setLayerCount(int layers);                 // entries of the layer combo (default 12)
    void showMatrix(const LabeledMatrix& matrix);
    const LabeledMatrix& matrix() const { return matrix_; }

    QString group() const;  // "all", "attention" or "mlp"
    int layer() const;      // -1: all layers
    // The numbers printed in the cells, row by row (what the reader sees, for the tests).
    QStringList cellTexts() const;

    // Forgets the data and shows the invitation to compute.
    void clear();

    QString caption() const override;
    CsvTable data() const override;

public Q_SLOTS:
    // Emits cosineRequested() with the current scope and layer.
    void request();

Q_SIGNALS:
    void cosineRequested(const QString& group, int layer);

private:
    QString displayName(const QString& task) const;
    // "<b>MNIST</b> · <b>SVHN</b><br>cos = 0.1234" for the cell under a plot() pixel; empty elsewhere.
    QString cellToolTip(const QPointF& position) const;

    QVector<TaskInfo> tasks_;
    LabeledMatrix matrix_;
    QStringList cellTexts_;
    QComboBox* scopeCombo_ = nullptr;
    QComboBox* layerCombo_ = nullptr;
    QPushButton* computeButton_ = nullptr;
    QCPColorScale* colorScale_ = nullptr;
};

}  // namespace ms::ui
