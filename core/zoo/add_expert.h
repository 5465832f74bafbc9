#pragma once
// Adds a new expert to a pool from a user's own image folders, with the zoo's recipe: a prototype
// head fitted on the pretrained features, then full fine-tuning with that head frozen. In a pool
// whose heads read disjoint subspaces (a zoo built with head subspaces), the new head reads only
// what no other head reads, so the new task keeps the pool's geometry.
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
    // The new head orthogonal to every other head of the pool; automatic for a zoo built with
    // head subspaces (its provenance says so).
    bool ownSubspace = false;
};

struct AddExpertResult {
    std::string checkpointFolder;
    std::string headFile;
    double pretrainedAccuracy = 0.0;  // pretrained body + the fitted head, on the test folder
    double finetunedAccuracy = 0.0;
    bool ownSubspace = false;         // whether the head was made orthogonal to the others
    TrainStats training;
};

// How a demo zoo's own experts were fine-tuned (epochs, learning rate, weight decay, the rate
// outside the MLPs, batch), from the recipe in its provenance; the standard zoo's for other pools.
TrainSettings poolFinetuneDefaults(const std::string& poolLocation);

// Writes <pool>/finetuned/<task>/ and <pool>/heads/<task>.safetensors, then the updated manifest,
// each atomically; the manifest changes last, so a failure leaves the pool as it was.
AddExpertResult addExpert(const AddExpertRequest& request, const Callbacks& callbacks = {});

}  // namespace ms::zoo
