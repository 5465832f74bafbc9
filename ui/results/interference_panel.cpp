#include "ui/results/interference_panel.h"

#include <QBoxLayout>

#include "ui/results/cosine_matrix_figure.h"
#include "ui/results/entropy_signal_figure.h"
#include "ui/results/lambda_sweep_figure.h"
#include "ui/results/pool_diagnostics_figure.h"
#include "ui/results/sign_conflict_figure.h"
#include "ui/results/task_drop_figure.h"

namespace ms::ui {

InterferencePanel::InterferencePanel(QWidget* parent) : QWidget(parent) {
    cosine_ = new CosineMatrixFigure(this);
    conflicts_ = new SignConflictFigure(this);
    sweep_ = new LambdaSweepFigure(this);
    drop_ = new TaskDropFigure(this);
    signal_ = new EntropySignalFigure(this);
    diagnostics_ = new PoolDiagnosticsFigure(this);

    // What the vectors are and what merging them costs on top, where entropy points below: rows
    // of three cards. The cosine matrix's header holds the most controls: a larger share.
    auto* rows = new QVBoxLayout(this);
    rows->setContentsMargins(6, 6, 6, 6);
    rows->setSpacing(8);
    auto* top = new QHBoxLayout;
    auto* bottom = new QHBoxLayout;
    for (QHBoxLayout* row : {top, bottom}) {
        row->setSpacing(8);
        rows->addLayout(row, 1);
    }
    top->addWidget(cosine_, 4);
    top->addWidget(conflicts_, 3);
    top->addWidget(drop_, 3);
    for (QWidget* card : std::initializer_list<QWidget*>{sweep_, signal_, diagnostics_}) bottom->addWidget(card, 1);

    connect(cosine_, &CosineMatrixFigure::cosineRequested, this, &InterferencePanel::cosineRequested);
    connect(conflicts_, &SignConflictFigure::conflictsRequested, this, &InterferencePanel::conflictsRequested);
    connect(sweep_, &LambdaSweepFigure::sweepRequested, this, &InterferencePanel::sweepRequested);
    connect(sweep_, &LambdaSweepFigure::oraclePathRequested, this, &InterferencePanel::oraclePathRequested);
    connect(signal_, &EntropySignalFigure::entropySignalRequested, this, &InterferencePanel::entropySignalRequested);
    connect(diagnostics_, &PoolDiagnosticsFigure::diagnosticRequested, this, &InterferencePanel::diagnosticRequested);
}

FigureCard* InterferencePanel::figure(Figure which) const {
    switch (which) {
    case Figure::Cosine: return cosine_;
    case Figure::Conflicts: return conflicts_;
    case Figure::Sweep: return sweep_;
    case Figure::Drop: return drop_;
    case Figure::Signal: return signal_;
    case Figure::Diagnostics: return diagnostics_;
    }
    return nullptr;
}

void InterferencePanel::setTasks(const QVector<TaskInfo>& tasks) {
    cosine_->setTasks(tasks);
    sweep_->setTasks(tasks);
    drop_->setTasks(tasks);
    signal_->setTasks(tasks);
    diagnostics_->setTasks(tasks);
}

void InterferencePanel::setLayerCount(int layers) {
    cosine_->setLayerCount(layers);
    signal_->setLayerCount(layers);
}

void InterferencePanel::setAccuracies(const QVector<MethodAccuracy>& rows) { drop_->setAccuracies(rows); }

void InterferencePanel::showCosine(const LabeledMatrix& matrix) { cosine_->showMatrix(matrix); }

void InterferencePanel::showConflicts(const SignConflictProfile& profile) {
    conflicts_->showProfile(profile);
    // The profile knows how many layers the model has; the cosine layer choice follows.
    if (!profile.rate.isEmpty()) cosine_->setLayerCount(int(profile.rate.size()));
}

void InterferencePanel::showSweep(const LambdaSweep& sweep) { sweep_->showSweep(sweep); }

void InterferencePanel::showSignal(const AdaptationSignal& signal) { signal_->showSignal(signal); }

void InterferencePanel::showDiagnostic(const PoolDiagnostic& diagnostic) { diagnostics_->showDiagnostic(diagnostic); }

void InterferencePanel::showBusy(const QString& text) {
    for (Figure f : {Figure::Cosine, Figure::Conflicts, Figure::Sweep, Figure::Signal, Figure::Diagnostics}) showBusy(f, text);
}

void InterferencePanel::showBusy(Figure which, const QString& text) { figure(which)->showBusy(text); }
void InterferencePanel::showError(Figure which, const QString& text) { figure(which)->showError(text); }

void InterferencePanel::clear() {
    cosine_->clear();
    conflicts_->clear();
    sweep_->clear();
    signal_->clear();
    diagnostics_->clear();
    drop_->setAccuracies({});
}

}  // namespace ms::ui
