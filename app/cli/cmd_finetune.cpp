// mergescope-cli finetune: a new expert for a pool, from the user's own image folders.
#include <cstdio>

#include "cli_args.h"
#include "commands.h"
#include "core/run/device.h"
#include "core/zoo/add_expert.h"
#include "table.h"

namespace ms::cli {

namespace {

const char* kFinetuneUsage = R"(Usage: mergescope-cli finetune --pool P --task NAME --train DIR --test DIR
                              [--display-name TEXT] [--epochs 5] [--lr 4e-3] [--batch-size 64]
                              [--seed N] [--replace] [--own-subspace] [--device cpu|cuda] [--json]

Adds a task to a pool. DIR holds one sub-folder per class (the same classes in both). As the demo
zoo's experts were made: a prototype head is fitted on the pretrained features and frozen, then the
whole vision tower is fine-tuned through it. Writes finetuned/NAME/ and heads/NAME.safetensors next
to the manifest, then adds the task to the manifest. A demo zoo's own recipe gives the defaults
(epochs, learning rate, weight decay, the learning rate outside the MLPs); in a zoo built with
head subspaces, or with --own-subspace, the new head reads only what no other head reads.
)";

}  // namespace

int runFinetune(const std::vector<std::string>& argv) {
    const Args args(argv,
                    withCommonValues({"pool", "task", "train", "test", "display-name", "epochs", "lr", "batch-size", "seed",
                                      "logit-scale"}),
                    withCommonFlags({"replace", "own-subspace"}));
    if (args.has("help")) {
        std::fputs(kFinetuneUsage, stdout);
        return kOk;
    }
    if (!args.positional().empty()) throw UsageError("finetune takes no positional arguments");
    zoo::AddExpertRequest request;
    request.poolLocation = args.require("pool");
    request.taskName = args.require("task");
    request.trainFolder = args.require("train");
    request.testFolder = args.require("test");
    request.displayName = args.get("display-name");
    request.replace = args.has("replace");
    request.ownSubspace = args.has("own-subspace");
    request.logitScale = args.getDouble("logit-scale", 0.0);
    request.training.device = parseDevice(applyCommon(args));
    const auto defaults = zoo::poolFinetuneDefaults(request.poolLocation);  // how the pool's own experts were made
    request.training.epochs = args.getInt("epochs", defaults.epochs);
    request.training.learningRate = args.getDouble("lr", defaults.learningRate);
    request.training.weightDecay = defaults.weightDecay;
    request.training.nonMlpLearningRateScale = defaults.nonMlpLearningRateScale;
    request.training.batchSize = args.getInt("batch-size", int(defaults.batchSize));
    request.training.seed = args.getUint64("seed", 1);
    if (request.training.epochs < 1 || request.training.batchSize < 1 || !(request.training.learningRate > 0))
        throw UsageError("--epochs and --batch-size must be >= 1 and --lr > 0");

    const auto result = zoo::addExpert(request, consoleCallbacks(args.has("quiet") || args.has("json")));
    if (args.has("json")) {
        std::printf("%s\n", nlohmann::json{{"task", request.taskName},
                                           {"checkpoint", result.checkpointFolder},
                                           {"head", result.headFile},
                                           {"pretrained_accuracy", result.pretrainedAccuracy},
                                           {"finetuned_accuracy", result.finetunedAccuracy},
                                           {"own_subspace", result.ownSubspace},
                                           {"steps", result.training.steps},
                                           {"seconds", result.training.seconds}}
                                .dump(2)
                                .c_str());
        return kOk;
    }
    std::printf("added task '%s'\n  checkpoint: %s\n  head:       %s\n  test accuracy: pretrained + head %s%%, fine-tuned %s%%\n"
                "  %lld steps in %.1f s\n",
                request.taskName.c_str(), result.checkpointFolder.c_str(), result.headFile.c_str(),
                percent(result.pretrainedAccuracy).c_str(), percent(result.finetunedAccuracy).c_str(),
                (long long)result.training.steps, result.training.seconds);
    return kOk;
}

}  // namespace ms::cli
