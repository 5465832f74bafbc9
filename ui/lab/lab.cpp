// Torch first: Qt's keywords are off project-wide, but ATen must still come before any Qt header.
#include <torch/torch.h>

#include "ui/lab/lab.h"

#include <chrono>
#include <cmath>
#include <filesystem>
#include <mutex>
#include <random>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <QFileInfo>

#include "core/adapt/entropy_adaptation.h"
#include "core/analysis/diagnostic_verdicts.h"
#include "core/analysis/entropy_signal.h"
#include "core/analysis/oracle_routing.h"
#include "core/analysis/routing_stats.h"
#include "core/analysis/sweeps.h"
#include "core/analysis/task_vector_geometry.h"
#include "core/eval/pool_evaluator.h"
#include "core/merge/merge_method.h"
#include "core/merge/task_vectors.h"
#include "core/merge/ties.h"
#include "core/model/pool_models.h"
#include "core/model/preprocess.h"
#include "core/pool/pool_manifest.h"
#include "core/run/device.h"
#include "core/run/merge_result.h"
#include "core/run/recipe.h"
#include "core/util/error.h"
#include "core/util/sha256.h"
#include "ui/base/image_conversion.h"

namespace fs = std::filesystem;

namespace ms::ui {

namespace {

std::string str(const QString& s) { return s.toStdString(); }
QString qstr(const std::string& s) { return QString::fromStdString(s); }

Callbacks toCallbacks(const JobHooks& hooks) {
    Callbacks callbacks;
    if (hooks.progress)
        callbacks.progress = [p = hooks.progress](int64_t done, int64_t total, const std::string& stage) {
            p(done, total, qstr(stage));
        };
    callbacks.cancelled = hooks.cancelled;
    if (hooks.log) callbacks.log = [l = hooks.log](const std::string& line) { l(qstr(line)); };
    return callbacks;
}

nlohmann::json toJson(const QVariantMap& parameters) {
    nlohmann::json json = nlohmann::json::object();
    for (auto it = parameters.begin(); it != parameters.end(); ++it) {
        const QVariant& v = it.value();
        switch (v.typeId()) {
            case QMetaType::Bool: json[str(it.key())] = v.toBool(); break;
            case QMetaType::Int:
            case QMetaType::LongLong:
            case QMetaType::UInt:
            case QMetaType::ULongLong: json[str(it.key())] = v.toLongLong(); break;
            case QMetaType::Double:
            case QMetaType::Float: json[str(it.key())] = v.toDouble(); break;
            default: json[str(it.key())] = str(v.toString());
        }
    }
    return json;
}

MethodAccuracy toMethodAccuracy(const eval::AccuracyRow& row, const QString& id, const QString& methodId, bool baseline) {
    MethodAccuracy m;
    m.id = id;
    m.label = qstr(row.method);
    m.methodId = methodId;
    m.baseline = baseline;
    for (const auto& t : row.tasks) {
        m.tasks << qstr(t.task);
        m.accuracy << t.accuracy();
    }
    return m;
}

// "λ 0.3 · steps 300 · …" from resolved parameters, in the method's declared order.
QString describeParameters(const merge::MethodInfo& info, const nlohmann::json& resolved) {
    QStringList parts;
    for (const auto& p : info.parameters) {
        if (!resolved.contains(p.id)) continue;
        const auto& v = resolved.at(p.id);
        QString value = v.is_string() ? qstr(v.get<std::string>())
                        : v.is_boolean() ? (v.get<bool>() ? QStringLiteral("yes") : QStringLiteral("no"))
                                         : QString::number(v.get<double>(), 'g', 4);
        parts << QStringLiteral("%1 %2").arg(qstr(p.id), value);
    }
    return parts.join(QStringLiteral(", "));
}

QVector<double> toVector(const torch::Tensor& t) {
    const auto c = t.to(torch::kFloat64).contiguous().cpu();
    return QVector<double>(c.data_ptr<double>(), c.data_ptr<double>() + c.numel());
}

// Loads the chosen tasks of the pool at `location` with their test sets and hands them to
// `measure` (pool, evaluator, merge inputs, callbacks): the set-up of every analysis job.
template <typename Measure>
auto measureOnTasks(const QString& location, const QStringList& tasks, const JobHooks& hooks, Measure&& measure) {
    const auto pool = model::loadPoolModels(str(location), str(tasks.join(QLatin1Char(','))), true);
    const Callbacks callbacks = toCallbacks(hooks);
    eval::PoolEvaluator evaluator(pool, eval::EvalSettings{}, callbacks);
    const auto inputs = merge::MergeInputs::fromPool(pool, torch::kCPU);
    return measure(pool, evaluator, inputs, callbacks);
}

LambdaSweep toSweep(const QStringList& tasks, const std::vector<analysis::SweepPoint>& points) {
    LambdaSweep sweep;
    sweep.tasks = tasks;
    for (const auto& point : points) {
        sweep.lambdas << point.value;
        QVector<double> row;
        for (const auto& t : point.accuracy.tasks) row << t.accuracy();
        sweep.accuracy << row;
        sweep.entropy << point.accuracy.meanEntropy();
    }
    return sweep;
}

RoutingSummary summarise(const QString& resultId, const std::vector<eval::TaskRouting>& routing,
                         const std::vector<std::string>& tasks) {
    RoutingSummary s;
    s.resultId = resultId;
    for (const auto& t : tasks) s.tasks << qstr(t);
    if (routing.empty()) return s;
    s.layers = int(routing.front().weights.size(1));
    s.meanRouting = toVector(analysis::meanRouting(routing));
    s.firstChoice = toVector(analysis::firstChoiceMatrix(routing));
    s.spread = toVector(analysis::routingSpread(routing));
    return s;
}

// A class's name from the manifest, or its index when the manifest lists none.
QString className(const pool::TaskEntry& entry, int64_t label) {
    return label >= 0 && size_t(label) < entry.classNames.size() ? qstr(entry.classNames[size_t(label)])
                                                                  : QString::number(label);
}

QString dtypeName(const torch::Tensor& t) {
    switch (t.scalar_type()) {
        case torch::kFloat32: return QStringLiteral("F32");
        case torch::kFloat16: return QStringLiteral("F16");
        case torch::kBFloat16: return QStringLiteral("BF16");
        case torch::kFloat64: return QStringLiteral("F64");
        default: return qstr(std::string(c10::toString(t.scalar_type())));
    }
}

}  // namespace

// One result of the session: its folder, and its model once built (for traces).
struct ResultSlot {
    QString folder;
    bool initialState = false;  // the recipe's model before adaptation, not the saved state
    std::mutex mutex;  // one forward pass at a time on this model
    std::unique_ptr<run::LoadedMerge> merged;
};

struct Lab::State {
    mutable std::mutex mutex;  // results, session folder
    QString location;
    std::unique_ptr<model::PoolModels> pool;  // every task of the pool
    std::mutex dataMutex;                     // the lazily loaded test images below
    std::unique_ptr<eval::PoolEvaluator> data;
    std::map<QString, std::shared_ptr<ResultSlot>> results;
    QString sessionFolder;

    const model::PoolModels& requirePool() const {
        if (!pool) throw Error("no pool is open");
        return *pool;
    }
    const data::ImageBatch& testImages(int task) {
        const auto& p = requirePool();
        if (task < 0 || task >= int(p.tasks.size())) throw Error("no task #" + std::to_string(task) + " in this pool");
        std::lock_guard<std::mutex> lock(dataMutex);
        return data->testImages(size_t(task));
    }
    std::shared_ptr<ResultSlot> slot(const QString& id) {
        std::lock_guard<std::mutex> lock(mutex);
        const auto it = results.find(id);
        if (it == results.end()) throw Error("the session has no result '" + str(id) + "'");
        return it->second;
    }
    // The slot's model, built from its folder on first use. Call with the slot's mutex held.
    run::LoadedMerge& loaded(ResultSlot& s) {
        if (!s.merged)
            s.merged = s.initialState ? run::prepareMerge(run::Recipe::load(str(s.folder) + "/recipe.json"), torch::kCPU)
                                      : run::loadResult(str(s.folder), torch::kCPU);
        return *s.merged;
    }
    std::vector<merge::TensorMap> taskVectors(const QStringList& tasks) const {
        const auto& p = requirePool();
        std::vector<merge::TensorMap> vectors;
        for (const auto& name : tasks) {
            const int t = p.taskIndex(str(name));
            if (t < 0) throw Error("task '" + str(name) + "' is not in this pool");
            vectors.push_back(merge::taskVector(p.finetuned[size_t(t)].tensors, p.pretrained.tensors));
        }
        if (vectors.size() < 2) throw Error("choose at least two tasks to compare their task vectors");
        return vectors;
    }
};

Lab::Lab() : state_(std::make_unique<State>()) {}
Lab::~Lab() = default;

void Lab::openPool(const QString& location) {
    auto pool = std::make_unique<model::PoolModels>(model::loadPoolModels(str(location), "", true));
    auto data = std::make_unique<eval::PoolEvaluator>(*pool, eval::EvalSettings{});
    std::lock_guard<std::mutex> lock(state_->mutex);
    std::lock_guard<std::mutex> dataLock(state_->dataMutex);
    state_->data = std::move(data);
    state_->pool = std::move(pool);
    state_->location = qstr(state_->pool->manifest.path);
    state_->results.clear();
}

QString Lab::poolLocation() const { return state_->location; }

QVector<TaskInfo> Lab::tasks() const {
    QVector<TaskInfo> tasks;
    if (!state_->pool) return tasks;
    for (const auto& entry : state_->pool->manifest.tasks) {
        TaskInfo info;
        info.name = qstr(entry.name);
        info.displayName = qstr(entry.displayName.empty() ? entry.name : entry.displayName);
        info.analog = qstr(entry.analog);
        info.color = QColor(qstr(entry.color));
        for (const auto& c : entry.classNames) info.classNames << qstr(c);
        tasks << info;
    }
    return tasks;
}

int Lab::layerCount() const { return state_->pool ? state_->pool->config().numLayers : 0; }

QVector<Lab::CheckpointFacts> Lab::checkpointFacts(const JobHooks& hooks) const {
    const auto& p = state_->requirePool();
    QVector<CheckpointFacts> facts;
    auto describe = [&](const QString& task, const model::Checkpoint& c) {
        CheckpointFacts f;
        f.task = task;
        f.path = qstr(c.path);
        f.bytes = qint64(fs::file_size(c.path));
        for (const auto& [name, t] : c.tensors) {
            f.parameters += t.numel();
            if (f.dtype.isEmpty()) f.dtype = dtypeName(t);
        }
        f.sha256 = qstr(sha256FileCached(c.path));
        facts << f;
    };
    const qint64 total = qint64(p.finetuned.size()) + 1;
    describe(QString(), p.pretrained);
    for (size_t t = 0; t < p.finetuned.size(); ++t) {
        if (hooks.cancelled && hooks.cancelled()) throw Cancelled{};
        if (hooks.progress) hooks.progress(qint64(t) + 1, total, QStringLiteral("hashing checkpoints"));
        describe(qstr(p.tasks[t]->name), p.finetuned[t]);
    }
    return facts;
}

void Lab::setSessionFolder(const QString& folder) {
    std::lock_guard<std::mutex> lock(state_->mutex);
    state_->sessionFolder = folder;
}

QString Lab::sessionFolder() const {
    std::lock_guard<std::mutex> lock(state_->mutex);
    return state_->sessionFolder;
}

QVector<MethodAccuracy> Lab::evaluateBaselines(const JobHooks& hooks) {
    const auto& p = state_->requirePool();
    eval::PoolEvaluator evaluator(p, eval::EvalSettings{}, toCallbacks(hooks));
    auto pretrained = toMethodAccuracy(evaluator.evaluateShared("Pretrained", p.pretrained.tensors),
                                       QStringLiteral("pretrained"), QStringLiteral("pretrained"), true);
    pretrained.caption = QStringLiteral("The pretrained model with each task's frozen head");
    auto individual = toMethodAccuracy(evaluator.evaluateIndividual(), QStringLiteral("individual"),
                                       QStringLiteral("individual"), true);
    individual.label = QStringLiteral("Individual");
    individual.caption = QStringLiteral("Each task on its own fine-tuned expert");
    return {pretrained, individual};
}

MergeOutcome Lab::runMerge(const QString& id, const MergeRequest& request, const JobHooks& hooks) {
    const Callbacks callbacks = toCallbacks(hooks);
    const QString session = sessionFolder();
    if (session.isEmpty()) throw Error("no session folder to save results in");
    const auto& method = merge::findMethod(str(request.methodId));
    std::vector<std::string> tasks;
    for (const auto& t : request.tasks) tasks.push_back(str(t));
    if (tasks.empty()) throw Error("choose at least one task to merge");
    const auto recipe = run::makeRecipe(method.info().id, toJson(request.parameters), str(state_->location), tasks,
                                        request.seed, str(request.device));
    auto merged = run::prepareMerge(recipe, parseDevice(str(request.device)), callbacks);

    MergeOutcome outcome;
    eval::PoolEvaluator evaluator(merged->pool, merged->evalSettings(), callbacks);
    std::unique_ptr<adapt::EntropyAdapter> adapter;
    if (method.info().kind == merge::MethodKind::Adaptive) {
        adapter = std::make_unique<adapt::EntropyAdapter>(
            *merged->model, evaluator.adaptationTasks(), merged->pool.pretrained.preprocess,
            adapt::AdaptSettings::fromParams(merged->recipe.parameters, merged->recipe.seed));
        const int total = int(adapter->settings().steps);
        adapter->run(callbacks, [&](const adapt::StepRecord& r) {
            LossPoint point;
            point.step = int(r.step);
            point.totalSteps = total;
            point.loss = r.loss;
            point.learningRate = r.learningRate;
            for (double e : r.taskLosses) point.taskEntropy << e;
            outcome.loss << point;
            if (hooks.loss) hooks.loss(point);
        });
    }

    std::vector<eval::TaskRouting> routing;
    const bool routes = merged->model->routes();
    const auto row = evaluator.evaluateModel(method.info().name, *merged->model, routes ? &routing : nullptr);
    merged->recipe.outcome["accuracy_average"] = row.average();
    for (const auto& t : row.tasks) merged->recipe.outcome["accuracy"][t.task] = t.accuracy();

    const QString folder = session + QStringLiteral("/results/") + id;
    fs::create_directories(str(session + QStringLiteral("/results")));
    run::saveResult(str(folder), *merged, adapter.get());

    outcome.accuracy = toMethodAccuracy(row, id, request.methodId, false);
    outcome.accuracy.caption = QStringLiteral("%1 · %2 · %3 tasks · seed %4")
                                   .arg(qstr(method.info().name),
                                        describeParameters(method.info(), merged->recipe.parameters))
                                   .arg(tasks.size())
                                   .arg(request.seed);
    outcome.folder = folder;
    outcome.routes = routes;
    if (routes) outcome.routing = summarise(id, routing, merged->inputs.taskNames);

    auto slot = std::make_shared<ResultSlot>();
    slot->folder = folder;
    slot->merged = std::move(merged);
    std::lock_guard<std::mutex> lock(state_->mutex);
    state_->results[id] = slot;
    if (adapter && routes) {
        auto initial = std::make_shared<ResultSlot>();  // built on first use
        initial->folder = folder;
        initial->initialState = true;
        state_->results[initialStateId(id)] = initial;
    }
    return outcome;
}

void Lab::adoptResult(const QString& id, const QString& folder, bool initialState) {
    if (!QFileInfo::exists(folder + QStringLiteral("/recipe.json")))
        throw Error(str(folder), "is not a result folder (no recipe.json)");
    auto slot = std::make_shared<ResultSlot>();
    slot->folder = folder;
    slot->initialState = initialState;
    std::lock_guard<std::mutex> lock(state_->mutex);
    state_->results[id] = slot;
}

void Lab::forgetResult(const QString& id) {
    std::lock_guard<std::mutex> lock(state_->mutex);
    state_->results.erase(id);
    state_->results.erase(initialStateId(id));
}

namespace {

// Routing weights and each head's prediction for preprocessed pixels [1, 3, S, S].
void traceInto(RoutingTrace& trace, run::LoadedMerge& merged, const torch::Tensor& pixels) {
    if (!merged.model->routes())
        throw Error("'" + merged.method->info().name + "' does not route: choose a WEMoE result");
    const auto start = std::chrono::steady_clock::now();
    torch::NoGradGuard noGrad;
    std::vector<torch::Tensor> layers;
    const auto features = merged.model->encode(pixels.to(merged.model->device()), &layers).cpu();
    trace.layers = int(layers.size());
    for (const auto& name : merged.inputs.taskNames) trace.tasks << qstr(name);
    for (const auto& layer : layers) trace.weights << toVector(layer[0]);
    for (size_t t = 0; t < merged.pool.heads.size(); ++t) {
        const auto& head = merged.pool.heads[t];
        const auto probabilities = torch::softmax(head.logits(features.to(head.classEmbeddings.device()))[0], 0);
        HeadPrediction prediction;
        prediction.task = qstr(merged.inputs.taskNames[t]);
        prediction.probabilities = toVector(probabilities);
        const auto top = probabilities.argmax().item<int64_t>();
        prediction.topClass = size_t(top) < head.classNames.size() ? qstr(head.classNames[size_t(top)]) : QString::number(top);
        prediction.probability = prediction.probabilities.value(int(top));
        trace.predictions << prediction;
    }
    trace.milliseconds = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

RoutingTrace Lab::traceTestImage(const QString& resultId, int task, int index) {
    const auto slot = state_->slot(resultId);
    const auto& images = state_->testImages(task);
    if (index < 0 || index >= images.count())
        throw Error("test image #" + std::to_string(index) + " does not exist (the set has " +
                    std::to_string(images.count()) + ")");
    const auto& entry = state_->pool->manifest.tasks[size_t(task)];
    std::lock_guard<std::mutex> lock(slot->mutex);
    auto& merged = state_->loaded(*slot);
    RoutingTrace trace;
    trace.resultId = resultId;
    trace.image = toQImage(images, index);
    trace.trueClass = className(entry, images.labels[size_t(index)]);
    trace.imageLabel = QStringLiteral("%1 test #%2 (%3)")
                           .arg(qstr(entry.displayName.empty() ? entry.name : entry.displayName))
                           .arg(index)
                           .arg(trace.trueClass);
    traceInto(trace, merged, model::preprocessRange(images, index, 1, merged.pool.pretrained.preprocess));
    trace.trueTask = int(trace.tasks.indexOf(qstr(entry.name)));
    return trace;
}

RoutingTrace Lab::traceImageFile(const QString& resultId, const QString& path) {
    const auto slot = state_->slot(resultId);
    const cv::Mat bgr = cv::imread(str(path), cv::IMREAD_COLOR);
    if (bgr.empty()) throw Error(str(path), "is not an image OpenCV can read");
    cv::Mat rgb;
    cv::cvtColor(bgr, rgb, cv::COLOR_BGR2RGB);
    std::lock_guard<std::mutex> lock(slot->mutex);
    auto& merged = state_->loaded(*slot);
    RoutingTrace trace;
    trace.resultId = resultId;
    trace.imageLabel = QFileInfo(path).fileName();
    trace.image = QImage(rgb.data, rgb.cols, rgb.rows, int(rgb.step), QImage::Format_RGB888).copy();
    traceInto(trace, merged, model::preprocessImage(rgb, merged.pool.pretrained.preprocess).unsqueeze(0));
    return trace;
}

RoutingSummary Lab::routingSummary(const QString& resultId, const JobHooks& hooks) {
    const auto slot = state_->slot(resultId);
    std::lock_guard<std::mutex> lock(slot->mutex);
    auto& merged = state_->loaded(*slot);
    if (!merged.model->routes()) throw Error("'" + merged.method->info().name + "' does not route");
    eval::PoolEvaluator evaluator(merged.pool, merged.evalSettings(), toCallbacks(hooks));
    std::vector<eval::TaskRouting> routing;
    evaluator.evaluateModel(merged.method->info().name, *merged.model, &routing);
    return summarise(resultId, routing, merged.inputs.taskNames);
}

QVector<QImage> Lab::thumbnails(int task, int count, QStringList* labels) {
    const auto& images = state_->testImages(task);
    const auto& entry = state_->pool->manifest.tasks[size_t(task)];
    QVector<QImage> result;
    const int64_t n = std::min<int64_t>(count, images.count());
    for (int64_t i = 0; i < n; ++i) {
        result << toQImage(images, i);
        if (labels)
            *labels << QStringLiteral("#%1 · %2").arg(i).arg(className(entry, images.labels[size_t(i)]));
    }
    return result;
}

LabeledMatrix Lab::cosine(const QStringList& tasks, const QString& group, int layer) {
    analysis::VectorScope scope;
    scope.layer = layer < 0 ? -2 : layer;
    scope.group = group == QLatin1String("attention") ? analysis::TensorGroup::Attention
                  : group == QLatin1String("mlp")     ? analysis::TensorGroup::Mlp
                                                      : analysis::TensorGroup::All;
    LabeledMatrix m;
    m.title = QStringLiteral("Task-vector cosine similarity · %1").arg(qstr(scope.describe()));
    m.rows = m.columns = tasks;
    m.values = toVector(analysis::cosineMatrix(state_->taskVectors(tasks), scope));
    return m;
}

SignConflictProfile Lab::signConflicts(const QStringList& tasks, double keepPercent) {
    const auto conflicts =
        analysis::signConflictRate(state_->taskVectors(tasks), state_->requirePool().config().numLayers, keepPercent);
    SignConflictProfile profile;
    profile.keepPercent = keepPercent;
    for (double r : conflicts.perLayer) profile.rate << r;
    profile.overall = conflicts.overall;
    return profile;
}

LambdaSweep Lab::lambdaSweep(const QStringList& tasks, const QVector<double>& lambdas, const JobHooks& hooks) {
    const std::vector<double> values(lambdas.begin(), lambdas.end());
    return toSweep(tasks, measureOnTasks(state_->location, tasks, hooks,
                                         [&](const auto&, auto& evaluator, const auto& inputs, const auto& callbacks) {
                                             return analysis::taskArithmeticSweep(evaluator, inputs, values, callbacks);
                                         }));
}

LambdaSweep Lab::oraclePath(const QStringList& tasks, const QVector<double>& alphas, double lambda, const JobHooks& hooks) {
    const std::vector<double> values(alphas.begin(), alphas.end());
    LambdaSweep path = toSweep(tasks, measureOnTasks(state_->location, tasks, hooks,
                                                     [&](const auto&, auto& evaluator, const auto& inputs, const auto& callbacks) {
                                                         return analysis::oracleRoutingPath(evaluator, inputs, values, 1.0,
                                                                                            lambda, callbacks);
                                                     }));
    path.kind = LambdaSweep::Kind::TowardOracle;
    path.startLambda = lambda;
    return path;
}

AdaptationSignal Lab::entropySignal(const QStringList& tasks, double lambda, const JobHooks& hooks) {
    const auto measured = measureOnTasks(
        state_->location, tasks, hooks, [&](const auto& pool, auto& evaluator, const auto& inputs, const auto& callbacks) {
            return analysis::entropySignal(evaluator, inputs, pool.pretrained.preprocess, lambda, 32, callbacks);
        });
    AdaptationSignal signal;
    for (const auto& t : measured.tasks) signal.tasks << qstr(t);
    signal.layers = int(measured.perLayer.size(0));
    signal.lambda = lambda;
    signal.values = toVector(measured.perLayer);
    return signal;
}

PoolDiagnostic Lab::diagnostic(PoolDiagnostic::Kind kind, const QStringList& tasks, double lambda, int imagesPerTask,
                              const JobHooks& hooks) {
    PoolDiagnostic d;
    d.kind = kind;
    d.tasks = tasks;
    d.lambda = lambda;
    d.imagesPerTask = imagesPerTask;
    auto takeVerdict = [&d](const analysis::DiagnosticVerdict& v) {
        d.verdict = qstr(v.text);
        d.met = v.met;
    };
    measureOnTasks(state_->location, tasks, hooks, [&](const auto& pool, auto& evaluator, const auto& inputs, const auto& callbacks) {
        const auto& preprocess = pool.pretrained.preprocess;
        switch (kind) {
        case PoolDiagnostic::Kind::Identifiability: {
            analysis::IdentifiabilitySettings settings;
            settings.lambda = lambda;
            settings.imagesPerTask = imagesPerTask;
            const auto r = analysis::taskIdentifiability(evaluator, inputs, preprocess, settings, callbacks);
            d.layerAccuracy = QVector<double>(r.perLayer.begin(), r.perLayer.end());
            d.recall = toVector(r.recall);
            d.target = analysis::kIdentifiabilityTarget;
            takeVerdict(analysis::verdict(r));
            break;
        }
        case PoolDiagnostic::Kind::Disentanglement: {
            analysis::DisentanglementSettings settings;
            settings.imagesPerTask = imagesPerTask;
            const auto r = analysis::weightDisentanglement(evaluator, inputs, preprocess, settings, callbacks);
            d.alphas = QVector<double>(r.alphas.begin(), r.alphas.end());
            d.pairError = toVector(r.pairMeans());
            d.meanError = r.mean();
            d.errorAtLargest = r.atLargest();
            d.target = analysis::kDisentanglementTarget;
            takeVerdict(analysis::verdict(r));
            break;
        }
        case PoolDiagnostic::Kind::Alignment: {
            analysis::AlignmentSettings settings;
            settings.lambda = lambda;
            settings.imagesPerTask = imagesPerTask;
            const auto r = analysis::entropyAlignment(evaluator, inputs, preprocess, settings, callbacks);
            for (const auto& t : r.tasks)
                d.alignment << PoolDiagnostic::AlignmentRow{t.start.accuracy,          t.entropyOptimal.accuracy,
                                                            t.oracle.accuracy,         t.crossEntropyOptimal.accuracy,
                                                            t.start.entropy,           t.entropyOptimal.entropy,
                                                            t.oracle.entropy};
            d.target = analysis::kAlignmentPoints;
            takeVerdict(analysis::verdict(r));
            break;
        }
        }
        return 0;
    });
    return d;
}

TiesWalkthrough Lab::tiesWalkthrough(const QStringList& tasks, double keepPercent, int entries, quint64 seed) {
    const auto vectors = state_->taskVectors(tasks);
    const auto& config = state_->requirePool().config();
    std::mt19937_64 rng(seed);
    const int layer = int(rng() % uint64_t(config.numLayers));
    const std::string name = "encoder.layers." + std::to_string(layer) + ".mlp.fc1.weight";
    const int64_t size = vectors.front().at(name).numel();
    // The same randomly chosen entries of every task vector.
    std::vector<int64_t> picks;
    while (int(picks.size()) < entries && int64_t(picks.size()) < size) {
        const int64_t i = int64_t(rng() % uint64_t(size));
        if (std::find(picks.begin(), picks.end(), i) == picks.end()) picks.push_back(i);
    }
    const auto index = torch::tensor(picks, torch::kInt64);
    std::vector<merge::TensorMap> slices;
    for (const auto& v : vectors) slices.push_back({{name, v.at(name).flatten().index_select(0, index).to(torch::kFloat32)}});
    const auto trimmed = merge::trimTaskVectors(slices, keepPercent, merge::TrimScope::PerTensor);
    const auto signs = merge::electSigns(trimmed);
    const auto merged = merge::disjointMerge(trimmed, signs, merge::DisjointMerge::Mean);

    TiesWalkthrough w;
    w.tensorName = qstr(name);
    w.tasks = tasks;
    w.keepPercent = keepPercent;
    for (size_t t = 0; t < slices.size(); ++t) {
        w.vectors << toVector(slices[t].at(name));
        w.trimmed << toVector(trimmed[t].at(name));
    }
    w.electedSign = toVector(signs.at(name));
    w.merged = toVector(merged.at(name));
    return w;
}

bool Lab::cudaAvailable() { return torch::cuda::is_available(); }

}  // namespace ms::ui
