// Long runs survive being killed: `mergescope-cli adapt` is killed with SIGKILL at random moments,
// resumed each time with --resume, and must end with the learned state, Adam moments and loss log
// of a run that was never stopped, byte for byte. Also: --resume --steps N extends a finished run
// exactly, and refuses what it cannot do with a message.
#include <torch/torch.h>

#include <QElapsedTimer>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>
#include <sstream>

#include "support/test_support.h"
#include "support/tiny_models.h"

#include "core/run/merge_result.h"

namespace fs = std::filesystem;

namespace {

struct Outcome {
    int exitCode = -1;
    bool crashed = false;  // killed, or died of a signal
    QString output;        // stdout and stderr together
};

// The loss log without its timing column (wall seconds differ from run to run).
std::string lossesOf(const std::string& csv) {
    const auto bytes = ms::test::readBytes(csv);
    std::stringstream in(std::string(bytes.begin(), bytes.end()));
    std::string line, out;
    while (std::getline(in, line)) {
        std::stringstream cells(line);
        std::string cell;
        for (int column = 0; std::getline(cells, cell, ','); ++column)
            if (column != 3) out += cell + ",";
        out += "\n";
    }
    return out;
}

}  // namespace

class CrashResumeTest : public QObject {
    Q_OBJECT

private:
    QTemporaryDir dir_;
    std::string manifest_;

    std::string at(const std::string& name) const { return dir_.path().toStdString() + "/" + name; }

    QStringList adaptArgs(const std::string& out, int steps) const {
        return {"adapt",   "--method", "wemoe", "--pool",  QString::fromStdString(manifest_), "--steps",
                QString::number(steps), "--lr", "1e-2",  "--seed", "3", "--out", QString::fromStdString(out),
                "--threads", "1"};
    }

    static Outcome runCli(const QStringList& args, int killAfterMs = -1) {
        QProcess process;
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.start(MS_CLI, args);
        if (!process.waitForStarted(30000)) return {};
        if (killAfterMs >= 0 && !process.waitForFinished(killAfterMs)) process.kill();  // SIGKILL
        process.waitForFinished(600000);
        return {process.exitCode(), process.exitStatus() == QProcess::CrashExit,
                QString::fromLocal8Bit(process.readAll())};
    }

    static void compareResults(const std::string& a, const std::string& b) {
        for (const char* file : {"learned_state.safetensors", "resume.safetensors"})
            QVERIFY2(ms::test::readBytes(a + "/" + file) == ms::test::readBytes(b + "/" + file), file);
        QCOMPARE(lossesOf(a + "/loss_log.csv"), lossesOf(b + "/loss_log.csv"));
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        manifest_ = ms::test::writeTinyPool(ms::test::TinyPool(3), at("pool"));
    }

    void killedRunsResumeToTheUninterruptedResult() {
        const int steps = 1500;
        const auto reference = at("reference");
        QElapsedTimer clock;
        clock.start();
        const Outcome straight = runCli(adaptArgs(reference, steps));
        QVERIFY2(straight.exitCode == 0 && !straight.crashed, qPrintable(straight.output));
        // Kills land at 8-20 % of the uninterrupted run's time, start-up included, so that four of
        // them fall inside the run however fast or loaded the machine is (fixed delays did not
        // under CI's load).
        const int runMs = std::max(500, int(clock.elapsed()));

        const auto killed = at("killed");
        QRandomGenerator random(20261207);
        int midRunKills = 0;
        int64_t lastDone = -1;
        for (int attempt = 0; attempt < 12; ++attempt) {
            QStringList args = adaptArgs(killed, steps) << "--checkpoint-every" << "7";
            if (fs::exists(killed) || fs::exists(killed + ".previous")) args = QStringList{"adapt", "--out",
                QString::fromStdString(killed), "--resume", "--checkpoint-every", "7", "--threads", "1"};
            const bool kill = midRunKills < 4;
            const Outcome o = runCli(args, kill ? int(random.bounded(runMs * 8 / 100, runMs * 20 / 100)) : -1);
            if (!o.crashed) {
                QVERIFY2(o.exitCode == 0, qPrintable(o.output));
                break;  // finished
            }
            // Killed: whatever is on disk is a whole save, never a half-written one, and progress
            // never goes backwards.
            if (!fs::exists(killed) && !fs::exists(killed + ".previous")) continue;  // killed before the first save
            const int64_t done = ms::run::stepsDoneIn(killed);
            QVERIFY(done >= lastDone);
            QVERIFY(done < steps);
            lastDone = done;
            ++midRunKills;
            qInfo("killed with %lld of %d steps saved", (long long)done, steps);
        }
        QVERIFY2(midRunKills >= 4, "the kills did not land while the run was going: make the run longer");
        QCOMPARE(ms::run::stepsDoneIn(killed), int64_t(steps));
        compareResults(killed, reference);
    }

    void resumeWithMoreStepsExtendsTheRunExactly() {
        const auto ten = at("ten"), five = at("five");
        QCOMPARE(runCli(adaptArgs(ten, 10)).exitCode, 0);
        QCOMPARE(runCli(adaptArgs(five, 5)).exitCode, 0);

        const Outcome finished = runCli({"adapt", "--out", QString::fromStdString(five), "--resume"});
        QCOMPARE(finished.exitCode, 0);
        QVERIFY2(finished.output.contains("has already done all 5 steps; nothing to adapt ('--resume --steps N' "
                                          "extends it)"),
                 qPrintable(finished.output));

        const Outcome extended = runCli({"adapt", "--out", QString::fromStdString(five), "--resume", "--steps", "10"});
        QVERIFY2(extended.exitCode == 0, qPrintable(extended.output));
        compareResults(five, ten);

        const Outcome shorter = runCli({"adapt", "--out", QString::fromStdString(five), "--resume", "--steps", "3"});
        QCOMPARE(shorter.exitCode, 1);
        QVERIFY2(shorter.output.contains(QString::fromStdString(five) +
                                         ": has already done 10 steps; --steps 3 cannot undo them"),
                 qPrintable(shorter.output));

        const Outcome changed = runCli({"adapt", "--out", QString::fromStdString(five), "--resume", "--lr", "1"});
        QCOMPARE(changed.exitCode, 2);
        QVERIFY2(changed.output.contains("--lr cannot change it"), qPrintable(changed.output));

        const auto cosine = at("cosine");
        QCOMPARE(runCli(adaptArgs(cosine, 4) << "--params" << "schedule=cosine").exitCode, 0);
        const Outcome replanned = runCli({"adapt", "--out", QString::fromStdString(cosine), "--resume", "--steps", "8"});
        QCOMPARE(replanned.exitCode, 1);
        QVERIFY2(replanned.output.contains("with a cosine schedule, whose learning rates depend on the total"),
                 qPrintable(replanned.output));
    }
};

QTEST_GUILESS_MAIN(CrashResumeTest)
#include "test_crash_resume.moc"
