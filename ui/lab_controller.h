#pragma once
// What the app does, without widgets: opens pools, runs merges as jobs, answers the views'
// requests (traces, thumbnails, interference measurements) on worker threads, and keeps the
// session. The main window connects panels to it; the tests drive it directly.
#include <functional>
#include <memory>

#include <QObject>
#include <QStringList>
#include <QVariantMap>

#include "ui/base/lab_data.h"
#include "ui/base/session.h"
#include "ui/lab/lab.h"

namespace ms::ui {

class JobRunner;
class LatestRequestRunner;

class LabController : public QObject {
    Q_OBJECT
public:
    explicit LabController(QObject* parent = nullptr);
    ~LabController() override;

    JobRunner* jobs() const { return jobs_; }
    const Session& session() const { return session_; }
    Session& session() { return session_; }
    const QVector<TaskInfo>& tasks() const { return tasks_; }
    QVector<TaskInfo> chosenTasks() const;
    bool poolReady() const { return poolReady_; }
    int layerCount() const { return layerCount_; }
    bool busy() const;

    // Opens a pool as a job: the engine loads it, evaluates the pretrained model and the experts,
    // and hashes the checkpoints. poolOpened() then baselinesReady() follow.
    bool openPool(const QString& location);
    void setChosenTasks(const QStringList& names);
    // Where results go; by default a new folder under the app's data folder, made on first use.
    void setSessionFolder(const QString& folder);
    QString sessionFolder();

    // One merge of the chosen tasks. Returns false when a job is running or nothing is chosen.
    bool runMerge(const QString& methodId, const QVariantMap& parameters, const QString& device, quint64 seed);
    // Every method of the paper's table at its defaults, one job after another.
    bool runComparison(const QString& device, quint64 seed);
    void removeResult(const QString& id);

    // Interactive requests: answered by the signals below (latest request wins per kind).
    void requestTrace(const QString& resultId, int task, int index);
    void requestTraceFile(const QString& resultId, const QString& path);
    void requestThumbnails(int task, int count = 96);
    void requestCosine(const QString& group, int layer);
    void requestConflicts(double keepPercent);
    void requestTiesWalkthrough(double keepPercent, int entries = 14, quint64 seed = 0);
    // Long requests (jobs).
    bool requestSweep(const QVector<double>& lambdas);
    // The way from the WEMoE start (MLP coefficients at `lambda`) to oracle routing; answered by sweepReady.
    bool requestOraclePath(const QVector<double>& alphas, double lambda = 0.3);
    // What test-time adaptation will follow on the chosen tasks, with every coefficient at `lambda`.
    bool requestEntropySignal(double lambda);
    // One pool diagnostic on the chosen tasks (identifiability, disentanglement or alignment),
    // on `imagesPerTask` test images of each; answered by diagnosticReady.
    bool requestDiagnostic(ms::ui::PoolDiagnostic::Kind kind, double lambda = 0.3, int imagesPerTask = 200);
    bool requestRoutingSummary(const QString& resultId);

    // Session files. Loading reopens the pool when it differs and re-attaches the result folders.
    QString saveSession(const QString& path);
    bool loadSession(const QString& path, QString* error);

public Q_SLOTS:
    void cancel();

Q_SIGNALS:
    void poolOpened(const QVector<ms::ui::TaskInfo>& tasks);
    void poolFailed(const QString& message);
    void baselinesReady(const QVector<ms::ui::MethodAccuracy>& rows);
    void checkpointFactsReady(const QVector<ms::ui::Lab::CheckpointFacts>& facts);
    void chosenTasksChanged(const QVector<ms::ui::TaskInfo>& tasks);
    void resultAdded(const ms::ui::SessionResult& result);
    void resultRemoved(const QString& id);
    void sessionRestored();
    // An adaptive run begins: its tasks, steps and caption for the live loss curve.
    void adaptationStarted(const QVector<ms::ui::TaskInfo>& tasks, int steps, const QString& caption);

    void busyChanged(bool busy);
    void jobStarted(const QString& title);
    void progress(qint64 done, qint64 total, const QString& stage, double etaSeconds);
    void lossPoint(const ms::ui::LossPoint& point);
    void message(const QString& text, bool error);

    void traceReady(const ms::ui::RoutingTrace& trace);
    void traceFailed(const QString& message);
    void thumbnailsReady(int task, const QVector<QImage>& images, const QStringList& labels);
    void routingSummaryReady(const ms::ui::RoutingSummary& summary);
    void cosineReady(const ms::ui::LabeledMatrix& matrix);
    void conflictsReady(const ms::ui::SignConflictProfile& profile);
    void sweepReady(const ms::ui::LambdaSweep& sweep);
    void entropySignalReady(const ms::ui::AdaptationSignal& signal);
    void diagnosticReady(const ms::ui::PoolDiagnostic& diagnostic);
    void tiesWalkthroughReady(const ms::ui::TiesWalkthrough& walkthrough);
    void analysisFailed(const QString& what, const QString& message);

private:
    void startNextQueued();
    // A long measurement on the chosen tasks as a job; refused (with `busyMessage`) while another
    // job runs or no pool is ready.
    bool startMeasurement(const QString& title, const QString& busyMessage,
                          std::function<QVariant(Lab&, const QStringList&, const JobHooks&)> measure,
                          std::function<void(const QVariant&)> done);
    QString taskLabel(const QStringList& names) const;

    std::shared_ptr<Lab> lab_;
    JobRunner* jobs_ = nullptr;
    LatestRequestRunner* interactive_ = nullptr;
    Session session_;
    QVector<TaskInfo> tasks_;
    bool poolReady_ = false;
    int layerCount_ = 0;
    QString sessionFolder_;
    // The comparison's remaining runs: method ids.
    QStringList queue_;
    QString queueDevice_;
    quint64 queueSeed_ = 0;
};

}  // namespace ms::ui

Q_DECLARE_METATYPE(ms::ui::SessionResult)
