#pragma once
// TIES' diagnosis of interference: after keeping each task vector's top k % entries by magnitude,
// the share of kept entries whose sign disagrees with another task's, per encoder layer. Bars per
// layer, the overall rate as a dashed line.
#include "ui/base/lab_data.h"
#include "ui/results/figure_card.h"

class QDoubleSpinBox;
class QPushButton;

namespace ms::ui {

class SignConflictFigure : public FigureCard {
    Q_OBJECT
public:
    explicit SignConflictFigure(QWidget* parent = nullptr);

    void showProfile(const SignConflictProfile& profile);
    const SignConflictProfile& profile() const { return profile_; }

    double keepPercent() const;
    void setKeepPercent(double percent);

    // Forgets the data and shows the invitation to compute.
    void clear();

    QString caption() const override;
    CsvTable data() const override;

public Q_SLOTS:
    // Emits conflictsRequested() with the spin box's value.
    void request();

Q_SIGNALS:
    void conflictsRequested(double keepPercent);

private:
    SignConflictProfile profile_;
    QDoubleSpinBox* keepSpin_ = nullptr;
    QPushButton* computeButton_ = nullptr;
};

}  // namespace ms::ui
