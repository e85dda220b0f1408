// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "tools/graphsim/server/ServerTypes.h"

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QStringList>

namespace graphsim {

struct FaultRates
{
    double status503 = 0;
    double status504 = 0;
    double drop = 0;
    double truncate = 0;
    double html = 0;
    double intuneJson = 0;
    double slow = 0;
    QStringList families;   ///< empty = all route families
    int maxConsecutive = 3;
    int slowMs = 1200;

    bool any() const { return status503 + status504 + drop + truncate + html + intuneJson + slow > 0; }
};

enum class FaultKind {
    None,
    Status503,
    Status504,
    Html,
    IntuneJson,
    Drop,
    TruncateShort,
    TruncateMatching,
    Slow
};

/// Faults that hit a write AFTER the model applied it: the tenant changed, the client does not
/// learn it. Counted, not drawn, so a test can lose exactly one response: the next `count`
/// writes (after `skip` more) that match methods and families and that the model applied (2xx)
/// are faulted; rejected, throttled or status-faulted writes pass untouched and are not counted.
struct WriteFaultPlan
{
    enum class Mode { None, DropAfterApply, Status504AfterApply, TruncateAfterApply };
    Mode mode = Mode::None;
    int count = 0;                 ///< writes still to fault
    int skip = 0;                  ///< matching applied writes still to let through first
    QStringList methods = {QStringLiteral("POST"), QStringLiteral("PUT"), QStringLiteral("PATCH")};
    QStringList families;          ///< route families; empty = all
    int fired = 0;                 ///< faults served so far

    static QString modeName(Mode mode);
    static bool modeFromName(const QString& name, Mode* mode);
    /// Whether this applied write gets the fault (and counts it). inBatch: only the 504 mode
    /// applies there (a sub-response has no wire of its own); the others skip it uncounted.
    bool take(const QByteArray& method, const QString& family, bool inBatch);
};

/// Decides faults as a pure function of (seed, tenant, method, normalized URL, attempt
/// number), where the attempt number counts how often that key was seen. No key is faulted
/// more than maxConsecutive times in a row, so a client with sane retries gets through.
class FaultInjector
{
public:
    FaultInjector(quint64 seed, const FaultRates& rates);

    struct Decision
    {
        FaultKind kind = FaultKind::None;
        bool withRetryAfter = false;    ///< 503/504: send Retry-After
        double detail = 0.5;            ///< a second uniform draw: cut point, HTML variant
        int attempt = 0;
    };
    /// transportAllowed = false inside $batch (sub-responses have no wire of their own).
    Decision decide(const QString& tenantId, const QByteArray& method, const QString& normalizedUrl,
                    const QString& family, bool transportAllowed);

    /// A deterministic uniform double in [0, 1) for a key (also used for jitter and shuffles).
    static double uniform(const QByteArray& key);
    /// Lower-cased path, query options sorted with "$" made uniform.
    static QString normalizeUrl(const QString& path, const QUrlQuery& query);

    /// The error response for a status-kind fault.
    static HttpReply statusReply(const Decision& decision);

    void reset()
    {
        m_keys.clear();
        m_writePlan = {};
    }
    WriteFaultPlan& writePlan() { return m_writePlan; }
    const FaultRates& rates() const { return m_rates; }
    void setRates(const FaultRates& rates) { m_rates = rates; }

private:
    struct KeyState
    {
        int attempts = 0;
        int consecutive = 0;
    };
    quint64 m_seed;
    FaultRates m_rates;
    QHash<QByteArray, KeyState> m_keys;
    WriteFaultPlan m_writePlan;
};

} // namespace graphsim
