#pragma once
// The routing of one image as a heatmap: layers (rows, layer 0 at the top) × task vectors
// (columns, in task colours). The diverging colours are centred at a chosen value (0 by default,
// or WEMoE's initial 0.3 to see what the router learnt) over a symmetric range; the image's true
// task column is outlined. In difference mode it shows after − before of two traces of the same
// image, centred at 0.
#include <QVector>

#include "ui/base/lab_data.h"
#include "ui/routing/matrix_figure.h"

class QDoubleSpinBox;

namespace ms::ui {

class RoutingHeatmap : public MatrixFigure {
    Q_OBJECT
public:
    enum class Mode { Empty, Trace, Difference };

    explicit RoutingHeatmap(QWidget* parent = nullptr);

    // `tasks` is the pool's task list; the trace's columns are matched to it by name.
    void setTrace(const RoutingTrace& trace, const QVector<TaskInfo>& tasks);
    // Cell by cell after − before. Both must have the same layers and tasks, else the view says so.
    void setDifference(const RoutingTrace& before, const RoutingTrace& after, const QVector<TaskInfo>& tasks);
    void clear(const QString& message = {});

    Mode mode() const { return mode_; }
    // The value shown white. Ignored in difference mode, which is always centred at 0.
    void setCenter(double center);
    double center() const { return center_; }
    // Half the width of the colour range; 0 (the default) fits the data.
    void setHalfRange(double halfRange);
    double halfRange() const { return halfRange_; }
    // The outlined column (the image's own task), -1 when none.
    int outlinedTask() const;
    // The columns as shown, resolved against the pool.
    QVector<TaskInfo> columns() const { return columns_; }

    CsvTable table() const override;

Q_SIGNALS:
    void centerChanged(double center);

protected:
    QString cellToolTip(int row, int column) const override;

private:
    void redraw();
    double shown(int layer, int task) const;

    Mode mode_ = Mode::Empty;
    RoutingTrace before_;  // difference mode only
    RoutingTrace trace_;   // the trace, or "after" in difference mode
    QVector<TaskInfo> columns_;
    double center_ = 0.0;
    double halfRange_ = 0.0;
    QDoubleSpinBox* centerBox_ = nullptr;
    QWidget* centerLabel_ = nullptr;
};

}  // namespace ms::ui
