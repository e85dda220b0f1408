// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
// Policy JSON for tst_capturecontract, apart from the test class: moc does not read raw strings.
#include "CaptureContractFixtures.h"

#include <QJsonDocument>

namespace {

QJsonObject parse(const char* json)
{
    return QJsonDocument::fromJson(QByteArray(json)).object();
}

} // namespace

QJsonObject baselineWithNestedSettings()
{
    return parse(R"({
          "templateReference": {"templateId": "t_1", "templateFamily": "baseline"},
          "roleScopeTagIds": ["0", "3"],
          "settings": [{"id": "0", "settingInstance": {
            "@odata.type": "#microsoft.graph.deviceManagementConfigurationChoiceSettingInstance",
            "settingDefinitionId": "root",
            "choiceSettingValue": {"value": "root_1", "children": [{
              "@odata.type": "#microsoft.graph.deviceManagementConfigurationGroupSettingCollectionInstance",
              "settingDefinitionId": "root_group",
              "groupSettingCollectionValue": [{"children": [{
                "@odata.type": "#microsoft.graph.deviceManagementConfigurationSimpleSettingInstance",
                "settingDefinitionId": "root_group_key",
                "simpleSettingValue": {"@odata.type": "#microsoft.graph.deviceManagementConfigurationStringSettingValue", "value": "x"}}]}]}]}}}],
          "assignments": [
            {"target": {"@odata.type": "#microsoft.graph.groupAssignmentTarget", "groupId": "g1",
                        "deviceAndAppManagementAssignmentFilterId": "f1", "deviceAndAppManagementAssignmentFilterType": "include"}},
            {"target": {"@odata.type": "#microsoft.graph.allDevicesAssignmentTarget"}}]
        })");
}

QJsonObject policyWithUnknownValueType()
{
    return parse(R"({"settings": [
          {"id": "0", "settingInstance": {"@odata.type": "#microsoft.graph.deviceManagementConfigurationSimpleSettingInstance",
             "settingDefinitionId": "a", "simpleSettingValue": {"@odata.type": "#microsoft.graph.deviceManagementConfigurationIntegerSettingValue", "value": 1}}},
          {"id": "1", "settingInstance": {"@odata.type": "#microsoft.graph.deviceManagementConfigurationChoiceSettingInstance",
             "settingDefinitionId": "b", "choiceSettingValue": {"value": "b_1", "children": [
               {"@odata.type": "#microsoft.graph.deviceManagementConfigurationSimpleSettingInstance", "settingDefinitionId": "b_c",
                "simpleSettingValue": {"@odata.type": "#microsoft.graph.deviceManagementConfigurationFutureSettingValue", "value": 1}}]}}}]})");
}
