#include "ui/lab/figure_job.h"

#include "ui/lab/job_runner.h"

namespace ms::ui {

FigureJobFollower::FigureJobFollower(JobRunner* jobs, QObject* parent) : QObject(parent), jobs_(jobs) {
    connect(jobs_, &JobRunner::finished, this, [this](const QString& title, const QVariant&) {
        if (!owns(title)) return;
        figure_->endBusy();  // the result slot (run before finished) has drawn it; if it did not, unlock it
        figure_ = nullptr;
    });
    connect(jobs_, &JobRunner::failed, this, [this](const QString& title, const QString& why) {
        if (!owns(title)) return;
        figure_->showError(why);
        figure_ = nullptr;
    });
    connect(jobs_, &JobRunner::cancelled, this, [this](const QString& title) {
        if (!owns(title)) return;
        figure_->endBusy();
        figure_ = nullptr;
    });
}

void FigureJobFollower::follow(FigurePanel* figure, const QString& busyText) {
    if (!jobs_->busy()) return;
    figure_ = figure;
    title_ = jobs_->title();
    figure->showBusy(busyText);
}

bool FigureJobFollower::owns(const QString& jobTitle) const { return figure_ && jobTitle == title_; }

}  // namespace ms::ui
