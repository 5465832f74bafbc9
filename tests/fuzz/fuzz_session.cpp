// Session files (ui/base/session): the app's File › Open session. Sessions report problems as a
// message (they are opened from a dialog), which must name the file.
#include <QCoreApplication>
#include <QString>

#include "fuzz_support.h"
#include "ui/base/session.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string path = ms::fuzz::writeInput("session.json", data, size);
    QString error;
    const auto session = ms::ui::Session::load(QString::fromStdString(path), &error);
    if (!session && !error.contains(QString::fromStdString(path)))
        ms::fuzz::fail("the message does not name the file: " + error.toStdString());
    if (session) {
        // What was accepted writes back and reads again to the same session.
        QString again;
        const auto reread = ms::ui::Session::fromJson(session->toJson(), &again);
        if (!reread) ms::fuzz::fail("an accepted session does not read back: " + again.toStdString());
        if (reread->toJson() != session->toJson()) ms::fuzz::fail("a session does not survive toJson → fromJson");
    }
    return 0;
}
