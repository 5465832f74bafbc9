#include "ui/lab/figure_job.h"

#include "ui/lab/job_runner.h"

namespace ms::ui {

FigureJobFollower::FigureJobFollower(JobRunner* jobs, QObject* parent) : QObject(parent), jobs_(jobs) {
    // Finished: the result slot (run before finished) has drawn the figure, and endBusy() does
    // nothing; had it drawn nothing, the figure is unlocked as it was. Cancelled: as it was.
    const auto letGo = [this](const QString& title) {
        if (!owns(title)) return;
        figure_->endBusy();
        figure_ = nullptr;
    };
    connect(jobs_, &JobRunner::finished, this, letGo);
    connect(jobs_, &JobRunner::cancelled, this, letGo);
    connect(jobs_, &JobRunner::failed, this, [this](const QString& title, const QString& why) {
        if (!owns(title)) return;
        figure_->showError(why);
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
