#pragma once
// Waiting for a worker thread's answer in UI tests: generous timeouts for a slow, shared CI
// machine, and the event loop keeps turning so queued signals arrive.
#include <QElapsedTimer>
#include <QSignalSpy>

namespace ms::test {

// True once `spy` has caught `count` signals; false after `timeoutMs`.
inline bool waitFor(QSignalSpy& spy, int count = 1, int timeoutMs = 120000) {
    QElapsedTimer clock;
    clock.start();
    while (spy.count() < count && clock.elapsed() < timeoutMs) spy.wait(200);
    return spy.count() >= count;
}

}  // namespace ms::test
