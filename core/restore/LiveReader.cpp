// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "core/restore/LiveReader.h"

#include "core/capture/ObjectReader.h"

namespace pv::restore {

void readLive(graph::ReadOnlyGraphClient& client, const QList<LiveTarget>& targets,
              std::function<void(int index, Result<QJsonObject> object)> done)
{
    QList<capture::ReadTarget> reads;
    reads.reserve(targets.size());
    for (const LiveTarget& t : targets) {
        capture::ReadTarget read;
        read.typeKey = t.typeKey;
        read.graphId = t.graphId;   // nothing listed: the object itself is read, settings included
        reads.append(read);
    }
    capture::readObjects(client, reads, [done = std::move(done)](int index, Result<QJsonObject> object) {
        if (!object && object.error().httpStatus == 404) {
            Error gone = object.error();
            gone.code = ErrorCode::NotFound;
            return done(index, Result<QJsonObject>(Failure{gone}));
        }
        done(index, std::move(object));
    });
}

bool isDeleted(const Error& error)
{
    return error.code == ErrorCode::NotFound;
}

int liveReadOperations(const QString& typeKey)
{
    capture::ReadTarget read;
    read.typeKey = typeKey;
    return capture::operationsFor(read);
}

} // namespace pv::restore
