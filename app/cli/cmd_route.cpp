// mergescope-cli route: WEMoE's routing weights (image × layer × task vector, the token mean of
// the router outputs) and the logits under every task's head, for image files or a test set.
#include <cstdio>
#include <filesystem>
#include <sstream>

#include <torch/torch.h>

#include "cli_args.h"
#include "commands.h"
#include "core/eval/pool_evaluator.h"
#include "core/model/preprocess.h"
#include "core/run/device.h"
#include "core/run/merge_result.h"
#include "core/util/atomic_file.h"
#include "core/util/error.h"
#include "table.h"

namespace ms::cli {

namespace {

const char* kRouteUsage = R"(Usage: mergescope-cli route --result DIR (IMAGE... | --task NAME [--max-images N])
                           [--out FILE.csv|FILE.safetensors] [--json]

Routing weights of a WEMoE result (what 'adapt' wrote) for image files or the first N test images
of a task: for every image, layer and task vector the coefficient r (token mean of the router's
outputs; raw coefficients, not probabilities), and each head's prediction. --out writes them:
.csv has one row per image and layer (columns: image, layer, one per task vector); .safetensors
has "routing" [images, layers, tasks] and "logits.<task>" [images, classes], image names in the
metadata. The table on stdout shows each image's predictions and its last layer's routing.
)";

bool endsWith(const std::string& s, const std::string& suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

int runRoute(const std::vector<std::string>& argv) {
    const Args args(argv, withCommonValues({"result", "task", "max-images", "out"}), withCommonFlags({}));
    if (args.has("help")) {
        std::fputs(kRouteUsage, stdout);
        return kOk;
    }
    if (args.has("task") == !args.positional().empty()) throw UsageError("give image files or --task NAME, not both or neither");
    const std::string out = args.get("out");
    if (!out.empty() && !endsWith(out, ".csv") && !endsWith(out, ".safetensors"))
        throw UsageError("--out must end in .csv or .safetensors");
    const torch::Device device = parseDevice(applyCommon(args));
    const auto callbacks = consoleCallbacks(args.has("quiet") || args.has("json"));
    auto merged = run::loadResult(args.require("result"), device, callbacks);
    if (!merged->model->routes())
        throw Error(args.get("result"), "holds a " + merged->method->info().name + " result, which does not route");
    const auto& preprocess = merged->pool.pretrained.preprocess;

    std::vector<std::string> names;
    torch::Tensor pixels;
    if (args.has("task")) {
        const int t = merged->pool.taskIndex(args.get("task"));
        if (t < 0) throw Error("task '" + args.get("task") + "' is not one of this result's tasks");
        eval::PoolEvaluator evaluator(merged->pool, merged->evalSettings());
        const auto& images = evaluator.testImages(size_t(t));
        const int64_t n = std::min<int64_t>(args.getInt("max-images", 16), images.count());
        pixels = model::preprocessRange(images, 0, n, preprocess);
        for (int64_t i = 0; i < n; ++i) names.push_back(args.get("task") + "/" + std::to_string(i));
    } else {
        std::vector<torch::Tensor> each;
        for (const auto& path : args.positional()) {
            each.push_back(model::preprocessImageFile(path, preprocess));
            names.push_back(path);
        }
        pixels = torch::stack(each);
    }

    torch::NoGradGuard noGrad;
    std::vector<torch::Tensor> layers;
    const auto features = merged->model->encode(pixels.to(device), &layers).cpu();
    const auto routing = torch::stack(layers, 1).cpu();  // [images, layers, tasks]
    const auto& tasks = merged->inputs.taskNames;
    std::vector<torch::Tensor> logits;
    for (const auto& head : merged->pool.heads) logits.push_back(head.logits(features));

    if (endsWith(out, ".csv")) {
        std::ostringstream csv;
        csv << "image,layer";
        for (const auto& t : tasks) csv << "," << t;
        csv << "\n";
        for (int64_t i = 0; i < routing.size(0); ++i)
            for (int64_t l = 0; l < routing.size(1); ++l) {
                csv << names[size_t(i)] << "," << l;
                for (int64_t t = 0; t < routing.size(2); ++t) csv << "," << routing[i][l][t].item<double>();
                csv << "\n";
            }
        writeFileAtomically(out, csv.str());
    } else if (!out.empty()) {
        std::vector<std::pair<std::string, torch::Tensor>> tensors{{"routing", routing.contiguous()}};
        for (size_t t = 0; t < tasks.size(); ++t) tensors.emplace_back("logits." + tasks[t], logits[t].contiguous());
        model::writeTensors(out, tensors, {{"images", nlohmann::json(names).dump()}, {"tasks", nlohmann::json(tasks).dump()}});
    }

    Table table;
    table.title = "predictions and last-layer routing weights";
    table.columns = {"image"};
    for (const auto& t : tasks) table.columns.push_back(t);
    for (const auto& t : tasks) table.columns.push_back("r " + t);
    const int64_t last = routing.size(1) - 1;
    for (int64_t i = 0; i < routing.size(0); ++i) {
        std::vector<std::string> cells{names[size_t(i)]};
        nlohmann::json j{{"image", names[size_t(i)]}};
        for (size_t t = 0; t < tasks.size(); ++t) {
            const auto c = logits[t][i].argmax().item<int64_t>();
            const auto& label = merged->pool.heads[t].classNames[size_t(c)];
            cells.push_back(label);
            j["predictions"][tasks[t]] = label;
        }
        for (int64_t t = 0; t < routing.size(2); ++t) cells.push_back(fixed(routing[i][last][t].item<double>()));
        std::vector<std::vector<double>> perLayer;
        for (int64_t l = 0; l < routing.size(1); ++l) {
            const auto row = routing[i][l].contiguous();
            perLayer.emplace_back(row.data_ptr<float>(), row.data_ptr<float>() + row.numel());
        }
        j["routing"] = perLayer;
        table.rows.push_back(cells);
        table.json["images"].push_back(j);
    }
    table.json["tasks"] = tasks;
    std::printf("%s", table.render(args.has("json") ? "json" : "text").c_str());
    return kOk;
}

}  // namespace ms::cli
