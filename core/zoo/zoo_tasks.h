#pragma once
// The demo zoo's eight tasks, one analog per task of the paper, in the paper's order
// (DATA.md §3): two real data sets from packages and six procedurally rendered ones.
#include <cstdint>
#include <string>
#include <vector>

#include "core/data/image_batch.h"

namespace ms::zoo {

struct ZooTaskSpec {
    std::string id;           // pool name, e.g. "syn_digits"
    std::string displayName;  // e.g. "SynDigits"
    std::string analog;       // the paper's task, e.g. "SVHN"
    std::string source;       // "mnist", "fashion_mnist" or a synthetic generator id
};

const std::vector<ZooTaskSpec>& zooTaskSuite();
const ZooTaskSpec& zooTask(const std::string& id);  // throws ms::Error for an unknown id

struct ZooTaskData {
    data::ImageBatch train, test;
    std::vector<std::string> classNames;
    std::string sourceDescription;
};

// Train and test images of one task. Synthetic tasks draw train and test from disjoint seeds;
// real tasks take class-stratified subsets of the official train and test splits. Throws
// ms::Error, saying where the data was looked for, when a real source is missing.
ZooTaskData loadZooTask(const ZooTaskSpec& task, int64_t trainCount, int64_t testCount, uint64_t seed,
                        const std::vector<std::string>& mnistSearchDirs);

// Seeds derived from the zoo seed, one per use, so that no two sets share a random stream.
uint64_t deriveSeed(uint64_t zooSeed, const std::string& purpose);

}  // namespace ms::zoo
