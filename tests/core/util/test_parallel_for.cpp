// parallelFor: every index exactly once for any thread count, and the first error rethrown only
// after every worker has finished.
#include <QtTest>

#include <atomic>
#include <stdexcept>
#include <vector>

#include "core/util/parallel_for.h"

class ParallelForTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void coversEveryIndexOnce() {
        for (int threads : {0, 1, 2, 3, 7}) {
            for (int64_t count : {0, 1, 5, 100}) {
                std::vector<std::atomic<int>> hits(static_cast<size_t>(count));
                ms::parallelFor(count, threads, [&](int64_t begin, int64_t end) {
                    for (int64_t i = begin; i < end; ++i) hits[size_t(i)]++;
                });
                for (const auto& h : hits) QCOMPARE(h.load(), 1);
            }
        }
    }

    void rethrowsAfterAllWorkersFinish() {
        std::atomic<int64_t> done{0};
        bool caught = false;
        try {
            ms::parallelFor(40, 4, [&](int64_t begin, int64_t end) {
                if (begin == 0) throw std::runtime_error("first range failed");
                done += end - begin;
            });
        } catch (const std::runtime_error& e) {
            caught = std::string(e.what()) == "first range failed";
        }
        QVERIFY(caught);
        QCOMPARE(done.load(), int64_t(30));  // the other three ranges still ran to the end
    }
};

QTEST_APPLESS_MAIN(ParallelForTest)
#include "test_parallel_for.moc"
