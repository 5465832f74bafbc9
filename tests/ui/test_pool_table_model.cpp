// The pool table: rows, colours, test-image counts from shard headers, merge checkboxes.
#include <QtTest>

#include <QColor>
#include <QListWidget>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <fstream>

#include "core/data/shard.h"
#include "core/pool/pool_manifest.h"
#include "ui/main_window.h"
#include "ui/pool_panel.h"
#include "ui/pool_table_model.h"

using namespace ms;

namespace {

// A manifest whose checkpoints are placeholders (the table never reads them) and whose test
// data are real shards of 7 and 3 images.
std::string writePool(const QString& dir) {
    const std::string root = dir.toStdString();
    for (const char* f : {"/pre.safetensors", "/a.safetensors", "/b.safetensors", "/ha.safetensors", "/hb.safetensors"})
        std::ofstream(root + f) << "x";
    for (auto [name, count] : {std::pair{"a", 7}, std::pair{"b", 3}}) {
        data::ImageBatch batch;
        batch.height = batch.width = 32;
        batch.labels.assign(size_t(count), 0);
        batch.pixels.assign(size_t(count) * 32 * 32 * 3, 128);
        data::writeShard(root + "/test_" + name + ".safetensors", batch, {"zero", "one"});
    }
    std::ofstream(root + "/pool.json") << R"({"format": "mergescope-pool-1", "name": "Toy", "pretrained": "pre.safetensors",
      "tasks": [
        {"name": "a", "display_name": "Task A", "analog": "MNIST", "checkpoint": "a.safetensors", "head": "ha.safetensors",
         "classes": ["zero", "one"], "test": "test_a.safetensors"},
        {"name": "b", "checkpoint": "b.safetensors", "head": "hb.safetensors", "classes": ["zero", "one"],
         "test": "test_b.safetensors", "color": "#123456"}]})";
    return root + "/pool.json";
}

}  // namespace

class TestPoolTableModel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void showsTasksColoursAndCounts() {
        QTemporaryDir dir;
        ui::PoolTableModel model;
        model.setPool(pool::PoolManifest::load(writePool(dir.path())));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.data(model.index(0, ui::PoolTableModel::Task), Qt::DisplayRole).toString(), QString("Task A"));
        QCOMPARE(model.data(model.index(1, ui::PoolTableModel::Task), Qt::DisplayRole).toString(), QString("b"));
        QCOMPARE(model.data(model.index(0, ui::PoolTableModel::StandsFor), Qt::DisplayRole).toString(), QString("MNIST"));
        QCOMPARE(model.data(model.index(0, ui::PoolTableModel::TestImages), Qt::DisplayRole).toLongLong(), 7LL);
        QCOMPARE(model.data(model.index(1, ui::PoolTableModel::TestImages), Qt::DisplayRole).toLongLong(), 3LL);
        QCOMPARE(model.data(model.index(0, ui::PoolTableModel::Task), Qt::DecorationRole).value<QColor>(),
                 QColor(QString::fromStdString(pool::taskPalette()[0])));
        QCOMPARE(model.data(model.index(1, ui::PoolTableModel::Task), Qt::DecorationRole).value<QColor>(), QColor("#123456"));
    }

    void checkboxesChooseTasksForMerging() {
        QTemporaryDir dir;
        ui::PoolTableModel model;
        model.setPool(pool::PoolManifest::load(writePool(dir.path())));
        QCOMPARE(model.checkedTasks(), (QStringList{"a", "b"}));
        QSignalSpy spy(&model, &ui::PoolTableModel::selectionForMergeChanged);
        QVERIFY(model.setData(model.index(0, 0), Qt::Unchecked, Qt::CheckStateRole));
        QCOMPARE(spy.count(), 1);
        QCOMPARE(model.checkedTasks(), QStringList{"b"});
        QVERIFY(!model.setData(model.index(0, 1), Qt::Unchecked, Qt::CheckStateRole));  // only the task column
    }

    void mainWindowOpensAPoolAndShowsItsGallery() {
        QTemporaryDir dir;
        ui::MainWindow window;
        QVERIFY(window.openPool(QString::fromStdString(writePool(dir.path()))));
        QCOMPARE(window.poolModel()->rowCount(), 2);
        QCOMPARE(window.currentTaskName(), QString("a"));
        auto* gallery = window.poolPanel()->gallery();
        QVERIFY(gallery);
        QCOMPARE(gallery->count(), 7);
        window.showGallery("b");
        QCOMPARE(gallery->count(), 3);
        QCOMPARE(gallery->item(0)->toolTip(), QString("zero"));
    }
};

QTEST_MAIN(TestPoolTableModel)
#include "test_pool_table_model.moc"
