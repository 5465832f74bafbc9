#include "core/model/zero_shot_head.h"

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include "core/util/error.h"

namespace ms::model {

ClassificationHead buildZeroShotHead(const TextTower& tower, const text::ClipTokenizer& tokenizer,
                                     const text::PromptSet& prompts, const Callbacks& callbacks, int batchSize) {
    if (prompts.classNames.empty()) throw Error("a zero-shot head needs at least one class name");
    text::checkTemplates(prompts.templates, "the prompt templates");
    const int64_t classes = int64_t(prompts.classNames.size()), templates = int64_t(prompts.templates.size());
    const int64_t total = classes * templates;

    std::vector<std::vector<int>> tokens;
    tokens.reserve(size_t(total));
    for (const auto& name : prompts.classNames)
        for (const auto& promptTemplate : prompts.templates)
            tokens.push_back(tokenizer.encode(text::fillTemplate(promptTemplate, name), tower.config.contextLength));

    std::vector<torch::Tensor> features;
    callbacks.report(0, total, "encoding prompts");
    for (int64_t begin = 0; begin < total; begin += batchSize) {
        if (callbacks.shouldStop()) throw Cancelled{};
        const int64_t end = std::min(total, begin + batchSize);
        const std::vector<std::vector<int>> batch(tokens.begin() + begin, tokens.begin() + end);
        features.push_back(encodeText(tower, batch, tokenizer.endToken()));
        callbacks.report(end, total, "encoding prompts");
    }
    // [C·T, P] → per prompt normalised → mean over each class's templates → normalised.
    const auto perPrompt = torch::nn::functional::normalize(torch::cat(features), torch::nn::functional::NormalizeFuncOptions().dim(-1));
    const auto perClass = perPrompt.view({classes, templates, -1}).mean(1);
    return ClassificationHead::fromEmbeddings(perClass, tower.logitScale, prompts.classNames);
}

std::map<std::string, std::string> zeroShotHeadMetadata(const TextTower& tower, const text::PromptSet& prompts) {
    return {{"zero_shot_templates", nlohmann::json(prompts.templates).dump()},
            {"zero_shot_text_tower", tower.config.name()}};
}

}  // namespace ms::model
