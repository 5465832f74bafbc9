// The pool manifest (core/pool/pool_manifest): pool.json with its paths, task names, classes and
// colours. The manifest sits in a folder that holds the files a valid seed refers to, so the fuzzer
// reaches the checks behind "the path exists" as well.
#include "core/pool/pool_manifest.h"
#include "fuzz_support.h"

// Once, before the first input: the files a valid seed refers to.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
    const auto& dir = ms::fuzz::scratchFolder();
    for (const char* file : {"pretrained.safetensors", "expert_a.safetensors", "expert_b.safetensors",
                             "head_a.safetensors", "head_b.safetensors", "test_a.safetensors"})
        std::ofstream(dir / file) << "x";
    std::filesystem::create_directories(dir / "images" / "class0");
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string path = ms::fuzz::writeInput("pool.json", data, size);
    ms::fuzz::parsesOrRefuses(path, [&] {
        const auto manifest = ms::pool::PoolManifest::load(path);
        for (const auto& task : manifest.tasks) {
            if (manifest.findTask(task.name) == nullptr) ms::fuzz::fail("findTask misses '" + task.name + "'");
            // Accepted names are safe file names (no '/', no leading '.'), whatever the input.
            if (task.name.empty() || task.name[0] == '.' || task.name.find('/') != std::string::npos)
                ms::fuzz::fail("accepted an unsafe task name '" + task.name + "'");
        }
        std::string all;
        for (const auto& name : manifest.taskNames()) all += (all.empty() ? "" : ",") + name;
        if (!all.empty() && manifest.selectTasks(all).size() != manifest.tasks.size())
            ms::fuzz::fail("selectTasks of every name does not give every task");
    });
    return 0;
}
