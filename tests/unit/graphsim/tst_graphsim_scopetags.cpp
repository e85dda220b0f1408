// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// GET deviceManagement/roleScopeTags/{id}/assignments: the tag's roleScopeTagAutoAssignment
// objects (Graph beta intune-rbac-rolescopetagautoassignment-list), in the shape
// deploymenttheory/terraform-provider-microsoft365 reads back from Graph (role_scope_tag
// state_assignment.go: target "@odata.type" "#microsoft.graph.groupAssignmentTarget" + groupId).
#include "SimTestUtil.h"

#include <QFile>
#include <QSet>
#include <QTemporaryDir>
#include <QUuid>

using namespace simtest;

class TestGraphsimScopeTags : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void autoAssignmentsListed_data();
    void autoAssignmentsListed();
    void emptyWhenNone();
    void unknownTagAndWrongVerb();
    void scopes();
    void fullMetadata();
    void tenantFileWithoutThemLoads();

private:
    World m_demo;
};

namespace {

const QString GroupTarget = QStringLiteral("#microsoft.graph.groupAssignmentTarget");

QString assignmentsPath(const QString& tagKey)
{
    return QStringLiteral("/deviceManagement/roleScopeTags%1/assignments").arg(tagKey);
}

} // namespace

void TestGraphsimScopeTags::initTestCase()
{
    QVERIFY(m_demo.init(QStringLiteral("demo")));
}

void TestGraphsimScopeTags::autoAssignmentsListed_data()
{
    QTest::addColumn<QString>("tagKey");
    QTest::addColumn<QString>("tagId");
    QTest::addColumn<int>("count");
    QTest::addRow("slash key") << QStringLiteral("/1") << QStringLiteral("1") << 1;
    QTest::addRow("paren key") << QStringLiteral("('4')") << QStringLiteral("4") << 2;
    QTest::addRow("Servers") << QStringLiteral("/3") << QStringLiteral("3") << 1;
}

void TestGraphsimScopeTags::autoAssignmentsListed()
{
    QFETCH(QString, tagKey);
    QFETCH(QString, tagId);
    QFETCH(int, count);
    const graphsim::SimResponse response = m_demo.call("GET", assignmentsPath(tagKey));
    QCOMPARE(response.status, 200);
    QVERIFY(response.contentType.startsWith("application/json;odata.metadata=minimal"));
    const QJsonObject body = json(response);
    QVERIFY2(body.value(QStringLiteral("@odata.context")).toString()
                 .endsWith(QStringLiteral("/beta/$metadata#deviceManagement/roleScopeTags('%1')/assignments").arg(tagId)),
             qPrintable(body.value(QStringLiteral("@odata.context")).toString()));

    QSet<QString> groupIds;
    for (const QJsonValue& group : json(m_demo.call("GET", QStringLiteral("/groups"))).value(QStringLiteral("value")).toArray())
        groupIds.insert(group.toObject().value(QStringLiteral("id")).toString());
    const QJsonArray value = body.value(QStringLiteral("value")).toArray();
    QCOMPARE(value.size(), count);
    QSet<QString> ids;
    for (const QJsonValue& item : value) {
        const QJsonObject assignment = item.toObject();
        QCOMPARE(assignment.keys(), (QStringList{QStringLiteral("id"), QStringLiteral("target")}));
        const QString id = assignment.value(QStringLiteral("id")).toString();
        QVERIFY(!QUuid::fromString(id).isNull());
        ids.insert(id);
        const QJsonObject target = assignment.value(QStringLiteral("target")).toObject();
        QCOMPARE(target.value(QStringLiteral("@odata.type")).toString(), GroupTarget);
        QVERIFY2(groupIds.contains(target.value(QStringLiteral("groupId")).toString()),
                 qPrintable(target.value(QStringLiteral("groupId")).toString()));
        QVERIFY(target.value(QStringLiteral("deviceAndAppManagementAssignmentFilterId")).isNull());
        QCOMPARE(target.value(QStringLiteral("deviceAndAppManagementAssignmentFilterType")).toString(), QStringLiteral("none"));
    }
    QCOMPARE(ids.size(), count);
    // The same answer on a second call.
    QCOMPARE(json(m_demo.call("GET", assignmentsPath(tagKey))).value(QStringLiteral("value")).toArray(), value);
}

void TestGraphsimScopeTags::emptyWhenNone()
{
    // Default (0) and "North America" (2) carry no auto-assignment: an empty collection, not 404.
    for (const QString& tag : {QStringLiteral("0"), QStringLiteral("2")}) {
        const graphsim::SimResponse response = m_demo.call("GET", assignmentsPath(u'/' + tag));
        QCOMPARE(response.status, 200);
        QVERIFY(json(response).value(QStringLiteral("value")).isArray());
        QVERIFY(json(response).value(QStringLiteral("value")).toArray().isEmpty());
    }
    // A tenant without groups has no auto-assignments on any tag.
    World empty;
    QVERIFY(empty.init(QStringLiteral("empty")));
    for (const QJsonValue& tag : json(empty.call("GET", QStringLiteral("/deviceManagement/roleScopeTags"))).value(QStringLiteral("value")).toArray()) {
        const graphsim::SimResponse response = empty.call("GET", assignmentsPath(u'/' + tag.toObject().value(QStringLiteral("id")).toString()));
        QCOMPARE(response.status, 200);
        QVERIFY(json(response).value(QStringLiteral("value")).toArray().isEmpty());
    }
}

void TestGraphsimScopeTags::unknownTagAndWrongVerb()
{
    const graphsim::SimResponse unknown = m_demo.call("GET", assignmentsPath(QStringLiteral("/77")));
    QCOMPARE(unknown.status, 404);
    QCOMPARE(json(unknown).value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(), QStringLiteral("NotFound"));
    // Only GET is served; other verbs get Intune's "No method match route template".
    const graphsim::SimResponse post = m_demo.call("POST", assignmentsPath(QStringLiteral("/1")), QJsonObject{});
    QCOMPARE(post.status, 400);
    QCOMPARE(json(post).value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
             QStringLiteral("No method match route template"));
    QCOMPARE(m_demo.world.routeFamily(request("GET", assignmentsPath(QStringLiteral("/1")))), QStringLiteral("roleScopeTags"));
}

void TestGraphsimScopeTags::scopes()
{
    // Graph's list page grants DeviceManagementConfiguration.* or DeviceManagementRBAC.*.
    auto as = [this](const QStringList& roles) {
        return m_demo.world.handle(request("GET", assignmentsPath(QStringLiteral("/1"))),
                                   graphsim::Caller{m_demo.tenantId, QStringLiteral("x"), roles});
    };
    QCOMPARE(as({QStringLiteral("DeviceManagementRBAC.Read.All")}).status, 200);
    QCOMPARE(as({QStringLiteral("DeviceManagementConfiguration.Read.All")}).status, 200);
    QCOMPARE(m_demo.world.handle(request("GET", assignmentsPath(QStringLiteral("/1"))), m_demo.reader).status, 200);
    const graphsim::SimResponse denied = as({QStringLiteral("Group.Read.All")});
    QCOMPARE(denied.status, 403);
    const QString message = json(denied).value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString();
    QVERIFY2(message.contains(QStringLiteral("DeviceManagementConfiguration.Read.All")) && message.contains(QStringLiteral("DeviceManagementRBAC.Read.All")),
             qPrintable(message));
}

void TestGraphsimScopeTags::fullMetadata()
{
    graphsim::SimRequest r = request("GET", assignmentsPath(QStringLiteral("/1")));
    r.headers.insert("accept", "application/json;odata.metadata=full");
    const graphsim::SimResponse response = m_demo.world.handle(r, m_demo.writer);
    QCOMPARE(response.status, 200);
    const QJsonObject item = json(response).value(QStringLiteral("value")).toArray().at(0).toObject();
    QCOMPARE(item.value(QStringLiteral("@odata.type")).toString(), QStringLiteral("#microsoft.graph.roleScopeTagAutoAssignment"));
    QCOMPARE(item.value(QStringLiteral("@odata.id")).toString(),
             kOrigin.toString() + QStringLiteral("/beta/deviceManagement/roleScopeTags('1')/assignments('%1')")
                                      .arg(item.value(QStringLiteral("id")).toString()));
    // The target is a complex value: it keeps its own derived type and gets no entity annotations.
    QCOMPARE(item.value(QStringLiteral("target")).toObject().value(QStringLiteral("@odata.type")).toString(), GroupTarget);
    QVERIFY(!item.value(QStringLiteral("target")).toObject().contains(QStringLiteral("@odata.id")));

    // A tag links its assignments now that graphsim serves them.
    graphsim::SimRequest tag = request("GET", QStringLiteral("/deviceManagement/roleScopeTags('1')"));
    tag.headers.insert("accept", "application/json;odata.metadata=full");
    QCOMPARE(json(m_demo.world.handle(tag, m_demo.writer)).value(QStringLiteral("assignments@odata.navigationLink")).toString(),
             kOrigin.toString() + QStringLiteral("/beta/deviceManagement/roleScopeTags('1')/assignments"));
}

void TestGraphsimScopeTags::tenantFileWithoutThemLoads()
{
    // A tenant saved before graphsim served the tags' assignments loads with none; one saved
    // now keeps them.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QJsonObject saved = QJsonDocument::fromJson(m_demo.world.serializeTenant(m_demo.tenantId)).object();
    QVERIFY(saved.value(QStringLiteral("roleScopeTagAssignments")).toObject().contains(QStringLiteral("4")));
    QJsonObject old = saved;
    old.remove(QStringLiteral("roleScopeTagAssignments"));
    const QString oldPath = dir.filePath(QStringLiteral("old.json"));
    const QString newPath = dir.filePath(QStringLiteral("new.json"));
    for (const auto& [path, object] : {std::pair{oldPath, old}, std::pair{newPath, saved}}) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(toBytes(object));
    }
    graphsim::SimClock clock;
    for (const auto& [path, expected] : {std::pair{oldPath, 0}, std::pair{newPath, 2}}) {
        graphsim::SimWorld world(clock);
        QString error;
        const QString tenantId = world.addTenantFromFile(path, &error);
        QVERIFY2(!tenantId.isEmpty(), qPrintable(error));
        const graphsim::TenantSummary summary = world.tenants().constFirst();
        const graphsim::Caller caller{tenantId, summary.apps.at(0).clientId, summary.apps.at(0).roles};
        const graphsim::SimResponse response = world.handle(request("GET", assignmentsPath(QStringLiteral("/4"))), caller);
        QCOMPARE(response.status, 200);
        QCOMPARE(json(response).value(QStringLiteral("value")).toArray().size(), expected);
    }
}

QTEST_GUILESS_MAIN(TestGraphsimScopeTags)
#include "tst_graphsim_scopetags.moc"
