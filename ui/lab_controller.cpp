#include "ui/lab_controller.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

#include "core/merge/merge_method.h"
#include "ui/lab/job_runner.h"
#include "ui/lab/latest_request_runner.h"

namespace ms::ui::detail {
// What opening a pool brings back from the worker thread.
struct PoolOpening {
    QVector<TaskInfo> tasks;
    int layers = 0;
    QVector<MethodAccuracy> baselines;
    QVector<Lab::CheckpointFacts> facts;
};
}  // namespace ms::ui::detail

Q_DECLARE_METATYPE(std::shared_ptr<ms::ui::detail::PoolOpening>)
Q_DECLARE_METATYPE(std::shared_ptr<ms::ui::MergeOutcome>)
namespace ms::ui {

namespace {

// The comparison of the paper's table (ALGORITHM.md §5), after the baselines.
const QStringList kComparisonMethods{QStringLiteral("average"), QStringLiteral("task_arithmetic"),
                                     QStringLiteral("ties"), QStringLiteral("adamerging"), QStringLiteral("wemoe")};

const merge::MethodInfo* findInfo(const QString& id) {
    for (const auto* m : merge::allMethods())
        if (QString::fromStdString(m->info().id) == id) return &m->info();
    return nullptr;
}

}  // namespace

LabController::LabController(QObject* parent)
    : QObject(parent), lab_(std::make_shared<Lab>()), jobs_(new JobRunner(this)), interactive_(new LatestRequestRunner(this)) {
    qRegisterMetaType<ms::ui::SessionResult>();
    qRegisterMetaType<ms::ui::RoutingTrace>();
    qRegisterMetaType<ms::ui::RoutingSummary>();
    qRegisterMetaType<ms::ui::LabeledMatrix>();
    qRegisterMetaType<ms::ui::SignConflictProfile>();
    qRegisterMetaType<ms::ui::LambdaSweep>();
    qRegisterMetaType<ms::ui::AdaptationSignal>();
    qRegisterMetaType<ms::ui::PoolDiagnostic>();
    qRegisterMetaType<ms::ui::TiesWalkthrough>();
    connect(jobs_, &JobRunner::busyChanged, this, &LabController::busyChanged);
    connect(jobs_, &JobRunner::started, this, &LabController::jobStarted);
    connect(jobs_, &JobRunner::progress, this, &LabController::progress);
    connect(jobs_, &JobRunner::lossPoint, this, &LabController::lossPoint);
    connect(jobs_, &JobRunner::failed, this, [this](const QString& title, const QString& why) {
        queue_.clear();
        Q_EMIT message(tr("%1 failed: %2").arg(title, why), true);
    });
    connect(jobs_, &JobRunner::cancelled, this, [this](const QString& title) {
        queue_.clear();
        Q_EMIT message(tr("%1 was cancelled; nothing was added to the session.").arg(title), false);
    });

    connect(interactive_, &LatestRequestRunner::ready, this, [this](const QString& channel, const QVariant& v) {
        if (channel.startsWith(QLatin1String("trace:"))) Q_EMIT traceReady(v.value<RoutingTrace>());
        else if (channel == QLatin1String("cosine")) Q_EMIT cosineReady(v.value<LabeledMatrix>());
        else if (channel == QLatin1String("conflicts")) Q_EMIT conflictsReady(v.value<SignConflictProfile>());
        else if (channel == QLatin1String("ties")) Q_EMIT tiesWalkthroughReady(v.value<TiesWalkthrough>());
        else if (channel.startsWith(QLatin1String("thumbnails"))) {
            const auto list = v.toList();
            QVector<QImage> images;
            for (const auto& i : list.value(1).toList()) images << i.value<QImage>();
            Q_EMIT thumbnailsReady(list.value(0).toInt(), images, list.value(2).toStringList());
        }
    });
    connect(interactive_, &LatestRequestRunner::failed, this, [this](const QString& channel, const QString& why) {
        if (channel.startsWith(QLatin1String("trace:"))) Q_EMIT traceFailed(why);
        else Q_EMIT analysisFailed(channel, why);
    });
}

LabController::~LabController() = default;

bool LabController::busy() const { return jobs_->busy(); }

void LabController::cancel() {
    queue_.clear();
    jobs_->cancel();
}

QVector<TaskInfo> LabController::chosenTasks() const {
    QVector<TaskInfo> chosen;
    for (const auto& t : tasks_)
        if (session_.chosenTasks.contains(t.name)) chosen << t;
    return chosen;
}

void LabController::setChosenTasks(const QStringList& names) {
    QStringList ordered;  // pool order, known names only
    for (const auto& t : tasks_)
        if (names.contains(t.name)) ordered << t.name;
    session_.chosenTasks = ordered;
    Q_EMIT chosenTasksChanged(chosenTasks());
}

QString LabController::taskLabel(const QStringList& names) const {
    return names.size() == tasks_.size() ? tr("all %1 tasks").arg(names.size()) : names.join(QStringLiteral(", "));
}

void LabController::setSessionFolder(const QString& folder) {
    sessionFolder_ = folder;
    lab_->setSessionFolder(folder);
}

QString LabController::sessionFolder() {
    if (sessionFolder_.isEmpty()) {
        const QString base = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + QStringLiteral("/mergescope");
        setSessionFolder(base + QStringLiteral("/sessions/") +
                         QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss")));
    }
    QDir().mkpath(sessionFolder_);
    return sessionFolder_;
}

bool LabController::openPool(const QString& location) {
    if (jobs_->busy()) {
        Q_EMIT message(tr("Wait for the running job to finish (or cancel it) before opening a pool."), true);
        return false;
    }
    poolReady_ = false;
    auto lab = lab_;
    return jobs_->start(
        tr("Opening the pool"),
        [lab, location](const JobHooks& hooks) {
            auto opening = std::make_shared<detail::PoolOpening>();
            if (hooks.progress) hooks.progress(0, 3, QObject::tr("loading the checkpoints"));
            lab->openPool(location);
            opening->tasks = lab->tasks();
            opening->layers = lab->layerCount();
            opening->baselines = lab->evaluateBaselines(hooks);
            opening->facts = lab->checkpointFacts(hooks);
            return QVariant::fromValue(opening);
        },
        [this](const QVariant& result) {
            const auto opening = result.value<std::shared_ptr<detail::PoolOpening>>();
            tasks_ = opening->tasks;
            layerCount_ = opening->layers;
            poolReady_ = true;
            const QString location = lab_->poolLocation();
            if (session_.poolLocation != location) {
                session_ = Session{};
                session_.poolLocation = location;
                for (const auto& t : tasks_) session_.chosenTasks << t.name;
            }
            session_.baselines = opening->baselines;
            Q_EMIT poolOpened(tasks_);
            Q_EMIT chosenTasksChanged(chosenTasks());
            Q_EMIT baselinesReady(session_.baselines);
            Q_EMIT checkpointFactsReady(opening->facts);
            Q_EMIT message(tr("Opened %1: %2 tasks; the pretrained model and the experts are evaluated.")
                               .arg(QFileInfo(location).absolutePath())
                               .arg(tasks_.size()),
                           false);
        });
}

bool LabController::runMerge(const QString& methodId, const QVariantMap& parameters, const QString& device,
                             quint64 seed) {
    if (!poolReady_) {
        Q_EMIT message(tr("Open a pool first."), true);
        return false;
    }
    if (session_.chosenTasks.isEmpty()) {
        Q_EMIT message(tr("Tick at least one task in the Pool tab."), true);
        return false;
    }
    const auto* info = findInfo(methodId);
    if (!info) {
        Q_EMIT message(tr("Unknown method \"%1\".").arg(methodId), true);
        return false;
    }
    if (jobs_->busy()) return false;
    const QString id = session_.newResultId(methodId);
    MergeRequest request;
    request.methodId = methodId;
    request.parameters = parameters;
    request.tasks = session_.chosenTasks;
    request.device = device;
    request.seed = seed;
    sessionFolder();  // creates the folder and hands it to the engine before the job needs it
    const QString name = QString::fromStdString(info->name);
    if (info->kind == merge::MethodKind::Adaptive) {
        const int steps = parameters.contains(QStringLiteral("steps"))
                              ? parameters.value(QStringLiteral("steps")).toInt()
                              : int(info->findParameter("steps") ? info->findParameter("steps")->defaultValue : 0);
        Q_EMIT adaptationStarted(chosenTasks(), steps, tr("%1 on %2").arg(name, taskLabel(request.tasks)));
    }
    auto lab = lab_;
    return jobs_->start(
        name,
        [lab, id, request](const JobHooks& hooks) {
            return QVariant::fromValue(std::make_shared<MergeOutcome>(lab->runMerge(id, request, hooks)));
        },
        [this, request, name](const QVariant& value) {
            const auto outcome = value.value<std::shared_ptr<MergeOutcome>>();
            SessionResult result;
            result.accuracy = outcome->accuracy;
            result.accuracy.label = result.accuracy.id == request.methodId
                                        ? name
                                        : QStringLiteral("%1 (%2)").arg(name, result.accuracy.id);
            result.folder = outcome->folder;
            result.parameters = request.parameters;
            result.device = request.device;
            result.seed = request.seed;
            result.routes = outcome->routes;
            result.loss = outcome->loss;
            result.routing = outcome->routing;
            session_.results << result;
            session_.save(sessionFolder() + QStringLiteral("/session.json"));  // autosave; best effort
            Q_EMIT resultAdded(result);
            Q_EMIT message(tr("%1: average accuracy %2 % on %3.")
                               .arg(result.accuracy.label)
                               .arg(100.0 * result.accuracy.average(), 0, 'f', 1)
                               .arg(taskLabel(request.tasks)),
                           false);
            startNextQueued();
        });
}

bool LabController::runComparison(const QString& device, quint64 seed) {
    if (jobs_->busy() || !poolReady_) return false;
    queue_ = kComparisonMethods;
    queueDevice_ = device;
    queueSeed_ = seed;
    startNextQueued();
    return true;
}

void LabController::startNextQueued() {
    if (queue_.isEmpty()) return;
    const QString next = queue_.takeFirst();
    runMerge(next, {}, queueDevice_, queueSeed_);
}

void LabController::removeResult(const QString& id) {
    for (int i = 0; i < session_.results.size(); ++i)
        if (session_.results[i].accuracy.id == id) {
            session_.results.removeAt(i);
            lab_->forgetResult(id);
            Q_EMIT resultRemoved(id);
            return;
        }
}

void LabController::requestTrace(const QString& resultId, int task, int index) {
    auto lab = lab_;
    interactive_->request(QStringLiteral("trace:") + resultId, [lab, resultId, task, index] {
        return QVariant::fromValue(lab->traceTestImage(resultId, task, index));
    });
}

void LabController::requestTraceFile(const QString& resultId, const QString& path) {
    auto lab = lab_;
    interactive_->request(QStringLiteral("trace:") + resultId, [lab, resultId, path] {
        return QVariant::fromValue(lab->traceImageFile(resultId, path));
    });
}

void LabController::requestThumbnails(int task, int count) {
    if (!poolReady_) return;
    auto lab = lab_;
    interactive_->request(QStringLiteral("thumbnails"), [lab, task, count] {
        QStringList labels;
        QVariantList images;
        for (const auto& image : lab->thumbnails(task, count, &labels)) images << image;
        return QVariant(QVariantList{task, images, labels});
    });
}

void LabController::requestCosine(const QString& group, int layer) {
    if (!poolReady_) return;
    auto lab = lab_;
    const QStringList tasks = session_.chosenTasks;
    interactive_->request(QStringLiteral("cosine"),
                          [lab, tasks, group, layer] { return QVariant::fromValue(lab->cosine(tasks, group, layer)); });
}

void LabController::requestConflicts(double keepPercent) {
    if (!poolReady_) return;
    auto lab = lab_;
    const QStringList tasks = session_.chosenTasks;
    interactive_->request(QStringLiteral("conflicts"), [lab, tasks, keepPercent] {
        return QVariant::fromValue(lab->signConflicts(tasks, keepPercent));
    });
}

void LabController::requestTiesWalkthrough(double keepPercent, int entries, quint64 seed) {
    if (!poolReady_) return;
    auto lab = lab_;
    const QStringList tasks = session_.chosenTasks;
    interactive_->request(QStringLiteral("ties"), [lab, tasks, keepPercent, entries, seed] {
        return QVariant::fromValue(lab->tiesWalkthrough(tasks, keepPercent, entries, seed));
    });
}

bool LabController::startMeasurement(const QString& title, const QString& busyMessage,
                                     std::function<QVariant(Lab&, const QStringList&, const JobHooks&)> measure,
                                     std::function<void(const QVariant&)> done) {
    if (!poolReady_ || jobs_->busy()) {
        Q_EMIT message(busyMessage, true);
        return false;
    }
    auto lab = lab_;
    const QStringList tasks = session_.chosenTasks;
    return jobs_->start(
        title, [lab, tasks, measure = std::move(measure)](const JobHooks& hooks) { return measure(*lab, tasks, hooks); },
        std::move(done));
}

bool LabController::requestSweep(const QVector<double>& lambdas) {
    return startMeasurement(
        tr("Task arithmetic λ sweep"), tr("Wait for the running job before sweeping λ."),
        [lambdas](Lab& lab, const QStringList& tasks, const JobHooks& hooks) {
            return QVariant::fromValue(lab.lambdaSweep(tasks, lambdas, hooks));
        },
        [this](const QVariant& v) { Q_EMIT sweepReady(v.value<LambdaSweep>()); });
}

bool LabController::requestOraclePath(const QVector<double>& alphas, double lambda) {
    return startMeasurement(
        tr("Way to oracle routing"), tr("Wait for the running job before walking to oracle routing."),
        [alphas, lambda](Lab& lab, const QStringList& tasks, const JobHooks& hooks) {
            return QVariant::fromValue(lab.oraclePath(tasks, alphas, lambda, hooks));
        },
        [this](const QVariant& v) { Q_EMIT sweepReady(v.value<LambdaSweep>()); });
}

bool LabController::requestEntropySignal(double lambda) {
    return startMeasurement(
        tr("Adaptation signal"), tr("Wait for the running job before measuring the adaptation signal."),
        [lambda](Lab& lab, const QStringList& tasks, const JobHooks& hooks) {
            return QVariant::fromValue(lab.entropySignal(tasks, lambda, hooks));
        },
        [this](const QVariant& v) { Q_EMIT entropySignalReady(v.value<AdaptationSignal>()); });
}

bool LabController::requestDiagnostic(PoolDiagnostic::Kind kind, double lambda, int imagesPerTask) {
    static const char* const names[] = {QT_TR_NOOP("Task identifiability"), QT_TR_NOOP("Weight disentanglement"),
                                         QT_TR_NOOP("Entropy alignment")};
    return startMeasurement(
        tr(names[int(kind)]), tr("Wait for the running job before running a pool diagnostic."),
        [kind, lambda, imagesPerTask](Lab& lab, const QStringList& tasks, const JobHooks& hooks) {
            return QVariant::fromValue(lab.diagnostic(kind, tasks, lambda, imagesPerTask, hooks));
        },
        [this](const QVariant& v) { Q_EMIT diagnosticReady(v.value<PoolDiagnostic>()); });
}

bool LabController::requestRoutingSummary(const QString& resultId) {
    if (const auto* r = session_.findResult(resultId); r && r->routes && r->routing.layers > 0) {
        Q_EMIT routingSummaryReady(r->routing);
        return true;
    }
    if (jobs_->busy()) return false;
    auto lab = lab_;
    return jobs_->start(
        tr("Routing over the test sets"),
        [lab, resultId](const JobHooks& hooks) { return QVariant::fromValue(lab->routingSummary(resultId, hooks)); },
        [this](const QVariant& v) { Q_EMIT routingSummaryReady(v.value<RoutingSummary>()); });
}

QString LabController::saveSession(const QString& path) { return session_.save(path); }

bool LabController::loadSession(const QString& path, QString* error) {
    auto loaded = Session::load(path, error);
    if (!loaded) return false;
    if (jobs_->busy()) {
        if (error) *error = tr("a job is running");
        return false;
    }
    for (const auto& r : loaded->results)
        if (!QFileInfo::exists(r.folder + QStringLiteral("/recipe.json"))) {
            if (error) *error = tr("the result folder of \"%1\" is missing: %2").arg(r.accuracy.label, r.folder);
            return false;
        }
    const Session restored = *loaded;
    auto lab = lab_;
    auto adopt = [this, restored] {
        session_ = restored;
        for (const auto& r : session_.results) {
            lab_->adoptResult(r.accuracy.id, r.folder);
            if (r.routes && !r.loss.isEmpty()) lab_->adoptResult(Lab::initialStateId(r.accuracy.id), r.folder, true);
        }
        if (!session_.results.isEmpty()) setSessionFolder(QFileInfo(QFileInfo(session_.results.front().folder).absolutePath()).absolutePath());
        Q_EMIT chosenTasksChanged(chosenTasks());
        if (!session_.baselines.isEmpty()) Q_EMIT baselinesReady(session_.baselines);
        for (const auto& r : session_.results) Q_EMIT resultAdded(r);
        Q_EMIT sessionRestored();
    };
    if (poolReady_ && lab_->poolLocation() == restored.poolLocation) {
        adopt();
        return true;
    }
    // Reopen the session's pool first; the results attach once it is open.
    auto connection = std::make_shared<QMetaObject::Connection>();
    *connection = connect(this, &LabController::poolOpened, this, [this, adopt, connection] {
        disconnect(*connection);
        adopt();
    });
    session_.poolLocation = restored.poolLocation;
    if (!openPool(restored.poolLocation)) {
        disconnect(*connection);
        if (error) *error = tr("cannot open the session's pool %1").arg(restored.poolLocation);
        return false;
    }
    return true;
}

}  // namespace ms::ui
