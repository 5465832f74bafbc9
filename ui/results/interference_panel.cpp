#include "ui/results/interference_panel.h"

#include <QGridLayout>

#include "ui/results/cosine_matrix_figure.h"
#include "ui/results/lambda_sweep_figure.h"
#include "ui/results/sign_conflict_figure.h"
#include "ui/results/task_drop_figure.h"

namespace ms::ui {

InterferencePanel::InterferencePanel(QWidget* parent) : QWidget(parent) {
    cosine_ = new CosineMatrixFigure(this);
    conflicts_ = new SignConflictFigure(this);
    sweep_ = new LambdaSweepFigure(this);
    drop_ = new TaskDropFigure(this);

    auto* grid = new QGridLayout(this);
    grid->setContentsMargins(6, 6, 6, 6);
    grid->setSpacing(8);
    grid->addWidget(cosine_, 0, 0);
    grid->addWidget(conflicts_, 0, 1);
    grid->addWidget(sweep_, 1, 0);
    grid->addWidget(drop_, 1, 1);
    for (int i = 0; i < 2; ++i) {
        grid->setRowStretch(i, 1);
        grid->setColumnStretch(i, 1);
    }

    connect(cosine_, &CosineMatrixFigure::cosineRequested, this, &InterferencePanel::cosineRequested);
    connect(conflicts_, &SignConflictFigure::conflictsRequested, this, &InterferencePanel::conflictsRequested);
    connect(sweep_, &LambdaSweepFigure::sweepRequested, this, &InterferencePanel::sweepRequested);
}

FigureCard* InterferencePanel::figure(Figure which) const {
    switch (which) {
    case Figure::Cosine: return cosine_;
    case Figure::Conflicts: return conflicts_;
    case Figure::Sweep: return sweep_;
    case Figure::Drop: return drop_;
    }
    return nullptr;
}

void InterferencePanel::setTasks(const QVector<TaskInfo>& tasks) {
    cosine_->setTasks(tasks);
    sweep_->setTasks(tasks);
    drop_->setTasks(tasks);
}

void InterferencePanel::setLayerCount(int layers) { cosine_->setLayerCount(layers); }

void InterferencePanel::setAccuracies(const QVector<MethodAccuracy>& rows) { drop_->setAccuracies(rows); }

void InterferencePanel::showCosine(const LabeledMatrix& matrix) { cosine_->showMatrix(matrix); }

void InterferencePanel::showConflicts(const SignConflictProfile& profile) {
    conflicts_->showProfile(profile);
    // The profile knows how many layers the model has; the cosine layer choice follows.
    if (!profile.rate.isEmpty()) cosine_->setLayerCount(int(profile.rate.size()));
}

void InterferencePanel::showSweep(const LambdaSweep& sweep) { sweep_->showSweep(sweep); }

void InterferencePanel::showBusy(const QString& text) {
    for (Figure f : {Figure::Cosine, Figure::Conflicts, Figure::Sweep}) showBusy(f, text);
}

void InterferencePanel::showError(const QString& text) {
    for (Figure f : {Figure::Cosine, Figure::Conflicts, Figure::Sweep}) showError(f, text);
}

void InterferencePanel::showBusy(Figure which, const QString& text) { figure(which)->showBusy(text); }
void InterferencePanel::showError(Figure which, const QString& text) { figure(which)->showError(text); }

void InterferencePanel::clear() {
    cosine_->clear();
    conflicts_->clear();
    sweep_->clear();
    drop_->setAccuracies({});
}

}  // namespace ms::ui
