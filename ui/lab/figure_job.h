#pragma once
// A figure whose numbers come from a JobRunner job follows that job: busy (its controls disabled)
// while the job runs, the job's error when it fails, what it showed before when it is cancelled.
// When the job succeeds the figure's own result slot draws it (a figure that drew nothing is
// unlocked as it was). Only the job followed counts: it is told apart by its title.
#include <QObject>
#include <QPointer>
#include <QString>

#include "ui/base/figure_panel.h"

namespace ms::ui {

class JobRunner;

class FigureJobFollower : public QObject {
    Q_OBJECT
public:
    explicit FigureJobFollower(JobRunner* jobs, QObject* parent = nullptr);

    // Call right after the figure's job was started (the request returned true): `figure` shows
    // `busyText` until that job, the one running now, ends. Does nothing when no job runs.
    void follow(FigurePanel* figure, const QString& busyText);
    FigurePanel* following() const { return figure_; }

private:
    bool owns(const QString& jobTitle) const;

    JobRunner* jobs_ = nullptr;
    QPointer<FigurePanel> figure_;
    QString title_;
};

}  // namespace ms::ui
