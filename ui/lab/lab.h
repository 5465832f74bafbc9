#pragma once
// The engine bridge: the one place where the desktop app calls core/ (LibTorch). Every call
// blocks and runs on a worker thread (JobRunner, LatestRequestRunner), never on the GUI thread;
// what comes back is the plain data of ui/base/lab_data.h. The header is torch-free (pimpl).
//
// Concurrency: the pool is read-only once open. A result's model is guarded by its own mutex,
// so a routing trace on one result can run while another result adapts. openPool() must not
// overlap any other call (the main window opens pools only while no job runs).
#include <functional>
#include <memory>

#include <QString>
#include <QStringList>
#include <QVariantMap>
#include <QVector>

#include "ui/base/lab_data.h"

namespace ms::ui {

// What a job hands the engine: progress, cancel, log and (adaptation) loss per step.
struct JobHooks {
    std::function<void(qint64 done, qint64 total, const QString& stage)> progress;
    std::function<bool()> cancelled;
    std::function<void(const QString& line)> log;
    std::function<void(const LossPoint& point)> loss;
};

// One run of a merge method from the merge panel.
struct MergeRequest {
    QString methodId;           // registry id, e.g. "wemoe"
    QVariantMap parameters;     // id → value; missing ids take their defaults
    QStringList tasks;          // the tasks to merge (pool order)
    QString device = QStringLiteral("cpu");
    quint64 seed = 0;
};

// What a finished run adds to the session.
struct MergeOutcome {
    MethodAccuracy accuracy;     // on the merged tasks' test sets (mixed-task batches)
    QString folder;              // the result folder (recipe.json, learned state, loss log …)
    bool routes = false;         // WEMoE: the routing inspector can show it
    bool cancelled = false;      // adaptation stopped early; what was learned is kept
    QVector<LossPoint> loss;     // adaptation only
    RoutingSummary routing;      // routed results: statistics over the test sets
};

class Lab {
public:
    Lab();
    ~Lab();
    Lab(const Lab&) = delete;
    Lab& operator=(const Lab&) = delete;

    // Opens a pool manifest (file or folder): reads the manifest and the heads, memory-maps the
    // checkpoints. Throws ms::Error with a clear message; the previous pool stays open then.
    void openPool(const QString& location);
    QString poolLocation() const;
    QVector<TaskInfo> tasks() const;
    int layerCount() const;  // encoder layers of the pool's model (0 without a pool)
    // Facts of the pool for the pool panel: per task the checkpoint's size, dtype, parameter count
    // and SHA-256 (hashing reads the file: a job).
    struct CheckpointFacts {
        QString task;  // "" for the pretrained model
        QString path;
        qint64 bytes = 0;
        QString dtype;
        qint64 parameters = 0;
        QString sha256;
    };
    QVector<CheckpointFacts> checkpointFacts(const JobHooks& hooks) const;

    // Where results are written: <sessionFolder>/results/<id>/.
    void setSessionFolder(const QString& folder);
    QString sessionFolder() const;

    // The pretrained model and the individual experts on every task of the pool.
    QVector<MethodAccuracy> evaluateBaselines(const JobHooks& hooks);
    // Builds, adapts (adaptive methods), evaluates and saves one merge; `id` names its folder.
    MergeOutcome runMerge(const QString& id, const MergeRequest& request, const JobHooks& hooks);
    // A saved result folder, e.g. when a session is restored (the model is built on first use).
    // With `initialState`, the result as it was before test-time adaptation (its recipe rebuilt
    // without the learned state): the routing inspector's "before" for WEMoE.
    void adoptResult(const QString& id, const QString& folder, bool initialState = false);
    // The id under which runMerge() registers an adaptive result's initial state.
    static QString initialStateId(const QString& id) { return id + QStringLiteral("@init"); }
    void forgetResult(const QString& id);

    // Routing of one test image / one image file under a routed result. Fast: one forward pass.
    RoutingTrace traceTestImage(const QString& resultId, int task, int index);
    RoutingTrace traceImageFile(const QString& resultId, const QString& path);
    // Routing over the merged tasks' test sets (one evaluation).
    RoutingSummary routingSummary(const QString& resultId, const JobHooks& hooks);

    // Thumbnails of a task's first `count` test images, with labels like "#12 · seven".
    QVector<QImage> thumbnails(int task, int count, QStringList* labels);

    // Interference measurements on the given tasks' task vectors.
    LabeledMatrix cosine(const QStringList& tasks, const QString& group, int layer);
    SignConflictProfile signConflicts(const QStringList& tasks, double keepPercent);
    LambdaSweep lambdaSweep(const QStringList& tasks, const QVector<double>& lambdas, const JobHooks& hooks);
    // The way from the WEMoE start (every MLP coefficient at `lambda`) to oracle routing, at `alphas`.
    LambdaSweep oraclePath(const QStringList& tasks, const QVector<double>& alphas, double lambda, const JobHooks& hooks);
    // What test-time adaptation will follow on these tasks, before it starts: the entropy gradient
    // of each task's test images per task vector and layer, with every coefficient at `lambda`.
    AdaptationSignal entropySignal(const QStringList& tasks, double lambda, const JobHooks& hooks);
    // One pool diagnostic on these tasks, on `imagesPerTask` evenly spread test images of each,
    // with core's verdict (`lambda`: the task-arithmetic start; disentanglement does not use it).
    PoolDiagnostic diagnostic(PoolDiagnostic::Kind kind, const QStringList& tasks, double lambda, int imagesPerTask,
                              const JobHooks& hooks);
    // TIES on `entries` entries of one MLP tensor of the given tasks' task vectors, every step kept.
    TiesWalkthrough tiesWalkthrough(const QStringList& tasks, double keepPercent, int entries, quint64 seed);

    // Whether this LibTorch can use CUDA (the device choice of the merge panel).
    static bool cudaAvailable();

private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace ms::ui
