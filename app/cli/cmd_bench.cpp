// mergescope-cli bench wemoe: one test-time adaptation step of WEMoE at ViT-B/32 shapes with
// random weights, MergeScope's lean weight-ensembling MLP against a naive per-sample version that
// materialises W_b = W0 + Σt r_b,t τt for every image and keeps it for the backward pass, as the
// reference code does. Prints time, peak memory and throughput; a benchmark, not a test.
#include <chrono>
#include <cstdio>

#include <torch/torch.h>

#include "cli_args.h"
#include "commands.h"
#include "core/adapt/entropy_adaptation.h"
#include "core/merge/router.h"
#include "core/merge/wemoe_mlp.h"
#include "core/model/vision_transformer.h"
#include "core/run/device.h"
#include "memory_probe.h"
#include "table.h"

namespace ms::cli {

namespace {

const char* kBenchUsage = R"(Usage: mergescope-cli bench wemoe [--quick] [--tasks T] [--images N] [--steps N]
                                   [--device cpu|cuda] [--threads N] [--skip-naive] [--json]
       mergescope-cli bench route --result DIR [--repeat N] [--device cpu|cuda] [--threads N]

One adaptation step (forward, entropy loss, backward to the routers) of WEMoE with 2-layer routers
on random ViT-B/32-shaped weights (D 768, MLP 3072, 12 layers, 50 tokens), T tasks (default 8) x
N images per task (default 16). MergeScope's lean MLP (output mixing, custom autograd with the
closed-form router gradient) against a naive per-sample loop that keeps every W_b for backward.
The naive step would hold about 227 MB per image: it runs ONE task's images and its time and
memory are scaled by T (marked "x T"), as the reference back-propagates all tasks at once.
Also times a routing trace of one image (forward only; --trace-only times nothing else).
--quick uses a small model (D 256, 4 layers).

bench route times what selecting an image in the app's routing inspector costs under a saved
WEMoE result: preprocessing, the routed forward pass and every head (median of --repeat, 50).
Run it on an idle machine.
)";

struct Model {
    model::VisionConfig config;
    model::VisionParams body;
    std::vector<merge::MlpExperts> experts;
    std::vector<merge::Router> routers;
    torch::Tensor head;  // [classes, proj]
};

Model randomModel(const model::VisionConfig& config, int64_t tasks, const torch::Device& device) {
    Model m;
    m.config = config;
    torch::manual_seed(0);
    model::TensorMap tensors;
    for (const auto& [name, shape] : config.expectedShapes()) tensors[name] = torch::randn(shape) * 0.02;
    m.body = model::VisionParams::fromTensors(config, tensors, device, true);
    const int64_t d = config.hiddenSize, f = config.intermediateSize;
    auto options = torch::TensorOptions().device(device);
    for (int l = 0; l < config.numLayers; ++l)
        m.experts.push_back({torch::randn({tasks + 1, f, d}, options) * 0.02, torch::randn({tasks + 1, f}, options) * 0.02,
                             torch::randn({tasks + 1, d, f}, options) * 0.02, torch::randn({tasks + 1, d}, options) * 0.02});
    auto generator = at::make_generator<at::CPUGeneratorImpl>(1);
    for (int l = 0; l < config.numLayers; ++l) m.routers.emplace_back(2, d, tasks, 0.3, generator, device);
    m.head = torch::nn::functional::normalize(torch::randn({10, config.projectionDim}, options),
                                              torch::nn::functional::NormalizeFuncOptions().dim(1));
    return m;
}

// The reference's way: one merged weight set per image, kept alive by autograd until backward.
torch::Tensor naiveMlp(const torch::Tensor& x, const torch::Tensor& r, const merge::MlpExperts& e) {
    std::vector<torch::Tensor> outputs;
    auto merged = [](const torch::Tensor& stacked, const torch::Tensor& rb) {
        return stacked[0] + torch::tensordot(rb, stacked.slice(0, 1), {0}, {0});
    };
    for (int64_t b = 0; b < x.size(0); ++b)
        outputs.push_back(model::denseMlp(x[b], merged(e.fc1Weight, r[b]), merged(e.fc1Bias, r[b]),
                                          merged(e.fc2Weight, r[b]), merged(e.fc2Bias, r[b])));
    return torch::stack(outputs);
}

torch::Tensor forward(Model& m, const torch::Tensor& pixels, bool naive) {
    model::ForwardOptions options;
    options.mlp = [&](int layer, const torch::Tensor& x) {
        const auto r = m.routers[size_t(layer)].route(x);
        return naive ? naiveMlp(x, r, m.experts[size_t(layer)]) : merge::weightEnsembledMlp(x, r, m.experts[size_t(layer)]);
    };
    return model::encodeImages(m.config, m.body, pixels, options);
}

struct StepFigures {
    double seconds = 0.0;
    int64_t peakBytes = 0;    // above the resident memory before the step
};

// One step: every task's batch forward; lean: backward per task (the loss is a sum, so this is the
// same gradient); naive: all tasks' graphs alive, one backward, as the reference.
StepFigures step(Model& m, int64_t tasks, int64_t images, bool naive, const torch::Device& device) {
    const auto before = residentBytes();
    resetPeak();
    const auto start = std::chrono::steady_clock::now();
    torch::Tensor total;
    for (int64_t t = 0; t < tasks; ++t) {
        const auto pixels = torch::randn({images, 3, m.config.imageSize, m.config.imageSize}, torch::TensorOptions().device(device));
        const auto loss = adapt::meanEntropy(30.0 * torch::nn::functional::normalize(
                                                        forward(m, pixels, naive), torch::nn::functional::NormalizeFuncOptions().dim(1))
                                                        .mm(m.head.t()));
        if (naive)
            total = total.defined() ? total + loss : loss;
        else
            loss.backward();
    }
    if (naive) total.backward();
    if (device.is_cuda()) torch::cuda::synchronize();
    StepFigures f;
    f.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    f.peakBytes = peakBytes() - before;
    return f;
}

// Dense-equivalent FLOPs of one image's forward pass; a training step counts 3x (forward + backward).
double forwardFlops(const model::VisionConfig& c) {
    const double n = double(c.numTokens()), d = double(c.hiddenSize), f = double(c.intermediateSize);
    const double perLayer = 2 * n * d * d * 4 + 2 * 2 * n * n * d + 2 * 2 * n * d * f;
    return c.numLayers * perLayer;
}

std::string mb(double bytes) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.0f", bytes / 1048576.0);
    return buffer;
}

std::string fmt(double v, const char* format) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, format, v);
    return buffer;
}

}  // namespace

int runBench(const std::vector<std::string>& argv) {
    const Args args(argv, withCommonValues({"tasks", "images", "steps", "result", "repeat"}),
                    withCommonFlags({"quick", "skip-naive", "trace-only"}));
    if (args.has("help") || args.positional().empty()) {
        if (!args.has("help")) throw UsageError("name a benchmark: wemoe or route");
        std::fputs(kBenchUsage, stdout);
        return kOk;
    }
    if (args.positional().front() == "route") return runBenchRoute(args);
    if (args.positional().front() != "wemoe")
        throw UsageError("unknown benchmark '" + args.positional().front() + "' (wemoe, route)");
    const torch::Device device = parseDevice(applyCommon(args));
    model::VisionConfig config;  // ViT-B/32
    if (args.has("quick")) {
        config.hiddenSize = 256;
        config.intermediateSize = 1024;
        config.numLayers = 4;
        config.numHeads = 4;
    }
    const int64_t tasks = args.getInt("tasks", 8), images = args.getInt("images", 16);
    const int steps = args.getInt("steps", 1);
    if (tasks < 1 || images < 1 || steps < 1) throw UsageError("--tasks, --images and --steps must be at least 1");
    std::fprintf(stderr, "bench wemoe: %s, %lld tasks x %lld images, %d thread(s), %s\n", config.name().c_str(),
                 (long long)tasks, (long long)images, threadCount(), device.str().c_str());
    Model m = randomModel(config, tasks, device);

    auto measure = [&](bool naive, int64_t taskCount) {
        StepFigures best{1e30, 0};
        for (int s = 0; s < steps; ++s) {
            const auto f = step(m, taskCount, images, naive, device);
            best.seconds = std::min(best.seconds, f.seconds);
            best.peakBytes = std::max(best.peakBytes, f.peakBytes);
            for (auto& r : m.routers) {
                merge::NamedTensors params;
                r.appendTrainable("", params);
                for (auto& [name, p] : params) p.mutable_grad() = torch::Tensor();
            }
        }
        return best;
    };
    const bool traceOnly = args.has("trace-only");
    const auto lean = traceOnly ? StepFigures{} : measure(false, tasks);
    const double stepFlops = 3.0 * forwardFlops(config) * double(tasks * images);
    Table table;
    table.title = "WEMoE adaptation step, " + config.name() + ", " + std::to_string(tasks) + " tasks x " +
                  std::to_string(images) + " images";
    table.columns = {"implementation", "s/step", "peak MB", "GFLOP/s"};
    if (!traceOnly)
        table.rows.push_back({"MergeScope (lean)", fmt(lean.seconds, "%.2f"), mb(double(lean.peakBytes)),
                              fmt(stepFlops / lean.seconds / 1e9, "%.1f")});
    table.json = {{"model", config.name()}, {"tasks", tasks}, {"images_per_task", images}, {"threads", threadCount()},
                  {"device", device.str()}, {"lean", {{"seconds", lean.seconds}, {"peak_bytes", lean.peakBytes}}}};
    if (!args.has("skip-naive") && !traceOnly) {
        const auto one = measure(true, 1);  // one task; scaled by T below
        const double naiveSeconds = one.seconds * double(tasks);
        const double naivePeak = double(one.peakBytes) * double(tasks);
        table.rows.push_back({"naive per-sample (1 task, x T)", fmt(naiveSeconds, "%.2f"), mb(naivePeak),
                              fmt(stepFlops / naiveSeconds / 1e9, "%.1f")});
        table.rows.push_back({"lean / naive", fmt(lean.seconds / naiveSeconds, "%.2fx"),
                              fmt(double(lean.peakBytes) / naivePeak, "%.3fx"), ""});
        table.json["naive"] = {{"seconds", naiveSeconds}, {"peak_bytes", naivePeak}, {"measured_tasks", 1},
                               {"seconds_one_task", one.seconds}, {"peak_bytes_one_task", one.peakBytes}};
        table.json["time_ratio"] = lean.seconds / naiveSeconds;
        table.json["memory_ratio"] = double(lean.peakBytes) / naivePeak;
    }
    // A routing trace of one image: forward only, no autograd.
    {
        torch::NoGradGuard noGrad;
        const auto pixel = torch::randn({1, 3, config.imageSize, config.imageSize}, torch::TensorOptions().device(device));
        forward(m, pixel, false);  // warm-up
        double best = 1e30;
        for (int i = 0; i < 5; ++i) {
            const auto start = std::chrono::steady_clock::now();
            std::vector<torch::Tensor> routes;
            model::ForwardOptions options;
            options.mlp = [&](int layer, const torch::Tensor& x) {
                const auto r = m.routers[size_t(layer)].route(x);
                routes.push_back(r);
                return merge::weightEnsembledMlp(x, r, m.experts[size_t(layer)]);
            };
            model::encodeImages(m.config, m.body, pixel, options);
            if (device.is_cuda()) torch::cuda::synchronize();
            best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
        }
        table.rows.push_back({"routing trace, 1 image", fmt(best * 1000.0, "%.0f ms"), "", ""});
        table.json["routing_trace_ms"] = best * 1000.0;
    }
    std::printf("%s", table.render(args.has("json") ? "json" : "text").c_str());
    return kOk;
}

}  // namespace ms::cli
