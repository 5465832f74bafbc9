#pragma once
// Adds a new expert to a pool from a user's own image folders, with the zoo's recipe: a prototype
// head fitted on the pretrained features, then full fine-tuning with that head frozen.
#include <string>

#include "core/run/progress.h"
#include "core/zoo/trainer.h"

namespace ms::zoo {

struct AddExpertRequest {
    std::string poolLocation;   // manifest or its folder
    std::string taskName;       // new task's identifier (letters, digits, '_' and '-')
    std::string displayName;    // optional
    std::string trainFolder;    // one sub-folder per class
    std::string testFolder;     // same classes
    double logitScale = 0.0;    // 0: the scale of the pool's first head (100 when the pool has none)
    TrainSettings training;     // epochs, learning rate, …
    bool replace = false;       // replace a task of that name
};

struct AddExpertResult {
    std::string checkpointFolder;
    std::string headFile;
    double pretrainedAccuracy = 0.0;  // pretrained body + the fitted head, on the test folder
    double finetunedAccuracy = 0.0;
    TrainStats training;
};

// Writes <pool>/finetuned/<task>/ and <pool>/heads/<task>.safetensors, then the updated manifest,
// each atomically; the manifest changes last, so a failure leaves the pool as it was.
AddExpertResult addExpert(const AddExpertRequest& request, const Callbacks& callbacks = {});

}  // namespace ms::zoo
