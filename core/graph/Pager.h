// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include "core/common/Result.h"
#include "core/graph/GraphTypes.h"

#include <QJsonArray>
#include <QStringList>
#include <QUrl>

#include <functional>
#include <memory>

namespace pv::graph {

class GraphTransport;

/// Every item of a collection, from all its pages.
struct PagedItems
{
    QJsonArray items;
    int pages = 0;
    QStringList requestIds;   ///< one per page
};

using PagesCallback = std::function<void(Result<PagedItems>)>;

/// Follows `@odata.nextLink` (or `<property>@odata.nextLink`) verbatim until the collection
/// ends. A page that fails after its retries fails the whole collection: never a short list.
namespace Pager {

/// Collects `value` from `first` and every nextLink after it.
void collect(GraphTransport& transport, const QUrl& first, PagesCallback done);

/// Completes `<property>` of `entity` (e.g. `settings` of a policy read with `$expand=settings`):
/// follows `<property>@odata.nextLink` — absolute, outside any `$batch` — and appends each
/// page's `value`. The result has the whole array and no nextLink.
void completeExpanded(GraphTransport& transport, QJsonObject entity, const QString& property,
                      std::function<void(Result<QJsonObject>)> done);

/// The nextLink as a URL that sends the very bytes Graph gave (QUrl must not re-encode the
/// double-encoded skiptoken). Parse error when that cannot be guaranteed.
Result<QUrl> verbatimUrl(const QString& link);

} // namespace Pager

} // namespace pv::graph
