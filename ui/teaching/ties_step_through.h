#pragma once
// TIES-merging one step at a time on a real slice of task vectors: task vectors → trim →
// elect sign → disjoint merge, each with a short explanation quoting the slice's own numbers.
// The main window computes the walkthrough with the engine (Lab::tiesWalkthrough) and hands it
// over; this widget only shows it.
#include <QWidget>

#include "ui/base/figure_export.h"
#include "ui/base/lab_data.h"
#include "ui/teaching/ties_grid.h"

class QButtonGroup;
class QDoubleSpinBox;
class QLabel;
class QPushButton;

namespace ms::ui {

class TiesGridView;

class TiesStepThrough : public QWidget {
    Q_OBJECT
public:
    explicit TiesStepThrough(QWidget* parent = nullptr);

    // Shows a new walkthrough from its first step; the spin box takes its keepPercent.
    void setWalkthrough(const TiesWalkthrough& walkthrough);
    const TiesWalkthrough& walkthrough() const { return walkthrough_; }
    bool hasWalkthrough() const;

    int step() const { return step_; }  // 0 … kTiesStepCount − 1
    void setStep(int step);             // clamped
    TiesStep currentStep() const { return TiesStep(step_); }
    const TiesGrid& currentGrid() const;
    QString explanation() const;  // the current step's text, as rich text

    double keepPercent() const;  // the spin box

    // The data (all steps) as CSV, and the export actions behind the buttons. Empty string on
    // success, else what went wrong.
    CsvTable csvTable() const;
    QImage stepImage() const;  // the current step: title, explanation, grid and legend
    QString exportImageTo(const QString& path) const;
    QString exportCsvTo(const QString& path) const;

public Q_SLOTS:
    void next();
    void back();

Q_SIGNALS:
    // "New slice": the main window draws another slice at this keep percentage and calls
    // setWalkthrough().
    void sliceRequested(double keepPercent);
    // The spin box changed: recompute the SAME slice at the new keep percentage, so the class
    // sees what k does to the same numbers.
    void keepPercentChanged(double keepPercent);
    void stepChanged(int step);
    void exported(const QString& path);  // for the status bar

private:
    void refresh();
    QString stepExplanation(TiesStep step) const;
    void chooseImagePath();
    void chooseCsvPath();

    TiesWalkthrough walkthrough_;
    int step_ = 0;
    QWidget* figure_ = nullptr;  // what the PNG export shows
    QLabel* title_ = nullptr;
    QLabel* subtitle_ = nullptr;
    QLabel* explanation_ = nullptr;
    TiesGridView* gridView_ = nullptr;
    QButtonGroup* stepButtons_ = nullptr;
    QPushButton* backButton_ = nullptr;
    QPushButton* nextButton_ = nullptr;
    QLabel* stepLabel_ = nullptr;
    QDoubleSpinBox* keepSpin_ = nullptr;
    QPushButton* exportImageButton_ = nullptr;
    QPushButton* exportCsvButton_ = nullptr;
};

}  // namespace ms::ui
