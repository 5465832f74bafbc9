#pragma once
// A task's zero-shot head from its class names, as CLIP builds one (Radford et al. 2021) and as the
// merging code bases do: for each class, every template filled with the class name, encoded by the
// text tower and L2-normalised; the mean over templates normalised again is the class's row. The
// logit scale is the checkpoint's (exp(logit_scale), 100 for OpenAI's models).
#include <map>
#include <string>

#include "core/model/classification_head.h"
#include "core/model/text_transformer.h"
#include "core/run/progress.h"
#include "core/text/clip_tokenizer.h"
#include "core/text/task_prompts.h"

namespace ms::model {

// `callbacks` get (prompts encoded, prompts in all) and may cancel between batches (ms::Cancelled).
ClassificationHead buildZeroShotHead(const TextTower& tower, const text::ClipTokenizer& tokenizer,
                                     const text::PromptSet& prompts, const Callbacks& callbacks = {},
                                     int batchSize = 64);

// What saveHead records about a zero-shot head: the templates and the text tower it came from.
std::map<std::string, std::string> zeroShotHeadMetadata(const TextTower& tower, const text::PromptSet& prompts);

}  // namespace ms::model
