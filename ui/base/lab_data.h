#pragma once
// Plain data the lab's views show: accuracies, routing traces and statistics, interference
// measurements. Torch-free on purpose: the engine bridge (ui/lab/lab.cpp) fills these on a worker
// thread, the views read them on the GUI thread, and the tests build them by hand.
#include <QColor>
#include <QImage>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QVector>

namespace ms::ui {

// One task of the open pool, as the views need it.
struct TaskInfo {
    QString name;          // id, e.g. "mnist"
    QString displayName;   // e.g. "MNIST"
    QString analog;        // the paper task it stands for
    QColor color;          // fixed per task across every view
    QStringList classNames;
};

// A method's accuracy on each chosen task. Baselines ("pretrained", "individual") are rows too.
struct MethodAccuracy {
    QString id;              // unique in the session: "pretrained", "individual", "wemoe-1", …
    QString label;           // what tables and legends show: "WEMoE (2-layer router)"
    QString methodId;        // registry id, or "pretrained" / "individual"
    bool baseline = false;   // pinned on top of tables
    QStringList tasks;       // task names, pool order
    QVector<double> accuracy;  // fraction in [0, 1] per task; NaN when not evaluated
    QString caption;         // method, parameters and seed, for figure captions

    double average() const;  // over the evaluated tasks; NaN when none
    // accuracy on `task`, NaN when absent
    double on(const QString& task) const;
};

// The prediction of one image under one task's head.
struct HeadPrediction {
    QString task;
    QString topClass;
    double probability = 0.0;       // of topClass
    QVector<double> probabilities;  // over the head's classes
};

// Routing of one image: the weight each task vector gets in each layer's MLP (token mean of the
// router's output), and what each head predicts.
struct RoutingTrace {
    QString resultId;
    QString imageLabel;   // "MNIST test #12 (seven)" or a file name
    QImage image;         // as the model saw it (after resize and crop), for display
    int trueTask = -1;    // index into tasks, -1 when unknown (an opened file)
    QString trueClass;    // empty when unknown
    QStringList tasks;    // the merged tasks: the heatmap's columns
    int layers = 0;
    QVector<double> weights;  // [layer][task], row-major
    QVector<HeadPrediction> predictions;  // one per merged task
    double milliseconds = 0.0;            // compute time of the trace

    double weight(int layer, int task) const { return weights.value(layer * tasks.size() + task); }
};

// Routing over whole test sets: which task vectors each task's images use, layer by layer.
struct RoutingSummary {
    QString resultId;
    QStringList tasks;  // images of task i (rows) and task vectors (columns)
    int layers = 0;
    QVector<double> meanRouting;  // [image task][layer][task vector]
    QVector<double> firstChoice;  // [image task][layer]: fraction whose largest weight is their own task's
    QVector<double> spread;       // [layer]: mean entropy of the normalised routing weights, in bits

    double mean(int imageTask, int layer, int vector) const {
        return meanRouting.value((imageTask * layers + layer) * tasks.size() + vector);
    }
    double first(int imageTask, int layer) const { return firstChoice.value(imageTask * layers + layer); }
};

// A labelled matrix, e.g. task-vector cosines.
struct LabeledMatrix {
    QString title;
    QStringList rows, columns;
    QVector<double> values;  // row-major
    double at(int r, int c) const { return values.value(r * columns.size() + c); }
};

// Sign conflicts between task vectors, per layer (TIES' diagnosis of interference).
struct SignConflictProfile {
    double keepPercent = 20.0;
    QVector<double> rate;  // per encoder layer, fraction of kept entries with conflicting signs
    double overall = 0.0;
};

// Accuracy against one merge coefficient: task arithmetic's λ, or α on the straight way from the
// WEMoE start (every MLP coefficient at startLambda) to oracle routing (each image's own vector at
// 1, the others at 0; core/analysis/oracle_routing.h).
struct LambdaSweep {
    enum class Kind { TaskArithmetic, TowardOracle };
    Kind kind = Kind::TaskArithmetic;
    double startLambda = 0.3;  // TowardOracle: λ at α = 0, and outside the MLPs throughout
    QStringList tasks;
    QVector<double> lambdas;            // the swept values: λ, or α for TowardOracle
    QVector<QVector<double>> accuracy;  // [lambda][task], fractions
    // [lambda] mean prediction entropy over tasks (nats): what test-time adaptation minimises.
    // Empty when not measured.
    QVector<double> entropy;
};

// What test-time adaptation will follow, measured before it starts (core/analysis/entropy_signal.h):
// for the test images of task s under its own head, the derivative of their mean prediction entropy
// with respect to the coefficient of task vector t in one layer's MLP, at the WEMoE start (every
// coefficient λ), in nats per unit. Negative: raising τ_t makes task s surer.
struct AdaptationSignal {
    QStringList tasks;  // images of task s (rows) and task vectors (columns), pool order
    int layers = 0;
    double lambda = 0.3;
    QVector<double> values;  // [layer][image task][vector], row-major

    int taskCount() const { return int(tasks.size()); }
    bool isValid() const { return layers > 0 && !tasks.isEmpty() && values.size() == layers * taskCount() * taskCount(); }
    // One layer's entry; layer < 0: summed over the layers (every layer's coefficient raised together).
    double at(int layer, int imageTask, int vector) const;
    // The vector that lowers task s's entropy most: the first minimum of its row, as core's
    // ownVectorFirst() counts; layer < 0: of the sum over layers.
    int surestVector(int layer, int imageTask) const;
    bool ownVectorSurest(int layer, int imageTask) const { return surestVector(layer, imageTask) == imageTask; }
    int ownVectorSurestCount(int layer) const;
    // Whether raising vector t makes every task surer (negative in every row): entropy
    // minimisation then raises it for every image, which a bias does as well as a router.
    bool sharpensEveryTask(int layer, int vector) const;
};

// One of the pool diagnostics (core/analysis; `mergescope-cli analyze`), the questions to ask
// before spending a GPU-day on adaptation, each with the verdict core gives against the targets
// of a pool on which WEMoE can do what the paper shows.
//   Identifiability: per layer, the held-out accuracy of a linear probe reading an image's task
//     from the router's input (token mean of LN2, task arithmetic at λ): what a router can see.
//   Disentanglement: per pair of tasks, Ortiz-Jimenez et al.'s error ξ (the share of the two
//     tasks' predictions that adding the other's vector changes), mean over the α grid.
//   Alignment: per task alone (perfect routing), accuracy at the entropy-optimal per-layer MLP
//     coefficients beside the start, the oracle and the cross-entropy optimum (labels): whether
//     entropy minimisation can find the experts at all.
struct PoolDiagnostic {
    enum class Kind { Identifiability, Disentanglement, Alignment };
    Kind kind = Kind::Identifiability;
    QStringList tasks;  // pool order
    double lambda = 0.3;    // the task-arithmetic start (identifiability, alignment)
    int imagesPerTask = 0;  // the evenly spread test images each measured on
    QString verdict;        // core's one line, e.g. "identifiability 96.0 % at best (layer 3; …): met"
    bool met = false;
    double target = 0.0;    // 0.95 (accuracy), 0.05 (ξ) or 3 (accuracy points of the alignment gap)

    // Identifiability.
    QVector<double> layerAccuracy;  // [layer], fractions
    QVector<double> recall;         // [layer][task]: share of a task's held-out images read as that task
    // Disentanglement.
    QVector<double> alphas;     // the grid of each coefficient
    QVector<double> pairError;  // [task][task], symmetric: a pair's ξ over the grid; NaN off the measured pairs
    double meanError = 0.0;     // over every pair and grid point
    double errorAtLargest = 0.0;  // over every pair, at (max α, max α)
    // Alignment, per task: accuracy (fractions) and mean prediction entropy (nats) at each point.
    struct AlignmentRow {
        double start = 0.0, entropyOptimal = 0.0, oracle = 0.0, crossEntropyOptimal = 0.0;
        double startEntropy = 0.0, entropyOptimalEntropy = 0.0, oracleEntropy = 0.0;
        double gapPoints() const { return 100.0 * (oracle - entropyOptimal); }
    };
    QVector<AlignmentRow> alignment;

    int taskCount() const { return int(tasks.size()); }
    int layers() const { return int(layerAccuracy.size()); }
    bool isValid() const;
    double recallAt(int layer, int task) const { return recall.value(layer * tasks.size() + task); }
    double pairAt(int a, int b) const { return pairError.value(a * tasks.size() + b); }
};

// One step of test-time adaptation, as the live loss curve needs it.
struct LossPoint {
    int step = 0;
    int totalSteps = 0;
    double loss = 0.0;             // summed entropy over tasks
    QVector<double> taskEntropy;   // per task
    double learningRate = 0.0;
};

// TIES on a small slice of real task vectors, every intermediate kept: the teaching view steps
// through trim → elect sign → disjoint merge.
struct TiesWalkthrough {
    QString tensorName;          // where the slice comes from
    QStringList tasks;
    double keepPercent = 20.0;   // of each task vector's entries kept by magnitude (over the slice)
    double lambda = 1.0;
    QVector<QVector<double>> vectors;  // [task][entry]: τ_t
    QVector<QVector<double>> trimmed;  // [task][entry]: τ_t with all but its top-k zeroed
    QVector<double> electedSign;       // [entry]: +1, -1 or 0
    QVector<double> merged;            // [entry]: disjoint mean of the agreeing trimmed entries
};

}  // namespace ms::ui

Q_DECLARE_METATYPE(ms::ui::MethodAccuracy)
Q_DECLARE_METATYPE(ms::ui::RoutingTrace)
Q_DECLARE_METATYPE(ms::ui::RoutingSummary)
Q_DECLARE_METATYPE(ms::ui::LabeledMatrix)
Q_DECLARE_METATYPE(ms::ui::SignConflictProfile)
Q_DECLARE_METATYPE(ms::ui::LambdaSweep)
Q_DECLARE_METATYPE(ms::ui::AdaptationSignal)
Q_DECLARE_METATYPE(ms::ui::PoolDiagnostic)
Q_DECLARE_METATYPE(ms::ui::PoolDiagnostic::Kind)
Q_DECLARE_METATYPE(ms::ui::LossPoint)
Q_DECLARE_METATYPE(ms::ui::TiesWalkthrough)
