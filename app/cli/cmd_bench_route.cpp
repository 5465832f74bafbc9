// mergescope-cli bench route: what selecting an image in the routing inspector costs — one test
// image preprocessed, encoded with its routing weights recorded, and scored by every head —
// under a saved WEMoE result (the zoo's, for the app's 150 ms target).
#include <algorithm>
#include <chrono>
#include <cstdio>

#include <torch/torch.h>

#include "cli_args.h"
#include "commands.h"
#include "core/eval/pool_evaluator.h"
#include "core/model/preprocess.h"
#include "core/run/device.h"
#include "core/run/merge_result.h"
#include "core/run/threads.h"
#include "core/util/error.h"

namespace ms::cli {

int runBenchRoute(const Args& args) {
    const torch::Device device = parseDevice(applyCommon(args));
    auto merged = run::loadResult(args.require("result"), device);
    if (!merged->model->routes()) throw Error(args.get("result"), "holds a result that does not route");
    const int repeat = args.getInt("repeat", 50);
    if (repeat < 1) throw UsageError("--repeat must be at least 1");
    eval::PoolEvaluator evaluator(merged->pool, merged->evalSettings());
    const auto& images = evaluator.testImages(0);
    const auto& preprocess = merged->pool.pretrained.preprocess;

    std::vector<double> ms;
    torch::NoGradGuard noGrad;
    for (int r = 0; r < repeat + 3; ++r) {  // three warm-up traces
        const auto start = std::chrono::steady_clock::now();
        const auto pixels = model::preprocessRange(images, r % images.count(), 1, preprocess).to(device);
        std::vector<torch::Tensor> layers;
        const auto features = merged->model->encode(pixels, &layers);
        double checksum = 0.0;
        for (const auto& head : merged->pool.heads) checksum += torch::softmax(head.logits(features), 1).sum().item<double>();
        for (const auto& l : layers) checksum += l.sum().item<double>();
        if (!std::isfinite(checksum)) throw Error("the trace produced a non-finite number");
        if (r >= 3) ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    }
    std::sort(ms.begin(), ms.end());
    std::printf("bench route: %s, %zu tasks, %d thread(s), %s, %d traces of one image\n",
                merged->pool.config().name().c_str(), merged->inputs.taskNames.size(), threadCount(),
                device.str().c_str(), repeat);
    std::printf("  median %.2f ms   p90 %.2f ms   min %.2f ms   (target: 150 ms per selected image)\n", ms[ms.size() / 2],
                ms[std::min(ms.size() - 1, ms.size() * 9 / 10)], ms.front());
    return kOk;
}

}  // namespace ms::cli
