#pragma once
// A pool from what a researcher downloads (issue "Real CLIP pools without Python"): the pretrained
// CLIP folder (Hugging Face CLIPModel: vision and text towers, vocab.json, merges.txt), one
// fine-tuned vision tower per task, and test images as class folders. Each task's head is CLIP's
// zero-shot head, built here from the text tower; class names come from the shipped lists of the
// paper's eight datasets, a classes file, or the class folders. `mergescope-cli pool new` and the
// app's "New pool…" dialog both run this.
#include <string>
#include <vector>

#include "core/pool/pool_manifest.h"
#include "core/run/progress.h"

namespace ms::run {

struct NewPoolTask {
    std::string name;        // a file-safe task name; a built-in id ("sun397", "cars", …) picks its prompts
    std::string checkpoint;  // the fine-tuned vision tower (folder or .safetensors)
    std::string testData;    // optional: class folders (or a shard)
    std::string classesFile;    // optional: class names, one per line, in label order
    std::string templatesFile;  // optional: prompt templates with {}
    std::string headFile;       // optional: an existing head; then no head is built for this task
};

struct NewPoolSpec {
    std::string name;
    std::string pretrained;    // folder or .safetensors; heads need its text tower and tokenizer files
    std::string manifestPath;  // pool.json (or a folder, which gets pool.json); heads go to heads/ beside it
    std::vector<NewPoolTask> tasks;
    bool overwrite = false;    // replace an existing manifest and heads
};

// Everything is validated and every head built in memory before anything is written; then the
// heads and, last, the manifest are written atomically and the manifest is read back as opening
// it will. `callbacks.info` gets one line per task saying where its class names and templates came
// from. Errors name the file and the problem (ms::Error); cancelling throws ms::Cancelled.
pool::PoolManifest createPool(const NewPoolSpec& spec, const Callbacks& callbacks = {});

}  // namespace ms::run
