<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>main</name>
    <message>
        <source>PolicyVault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back up, review and restore Microsoft Intune configuration.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data folder (default: the app-data folder; environment: POLICYVAULT_DATA_DIR).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Colour scheme: system, light or dark.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the data folder %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the PolicyVault database:
%1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pv::RunExecutor</name>
    <message>
        <source>This kind of run cannot be created.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The job failed with an unknown exception.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every item failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The tenant was made read-only after this run was started; the run writes to it and did not begin.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The item failed with an error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The item failed with an unknown error.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The job ended before its items were done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run&apos;s result could not be saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pv::RunNotifications</name>
    <message>
        <source>%1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 succeeded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interrupted — the program running it stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1; %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The process that ran it stopped before it finished.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pv::ui::AboutDialog</name>
    <message>
        <source>%1 (built with %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About PolicyVault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PolicyVault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backs up, reviews, compares and restores Microsoft Intune configuration through Microsoft Graph.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copyright © 2026 PolicyVault contributors. Free software under the %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GNU General Public License, version 3 or later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PolicyVault uses these libraries:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Library</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Licence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy version information</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pv::ui::BannerNotifier</name>
    <message>
        <source>%1
%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View run</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pv::ui::DemoTenantAction</name>
    <message>
        <source>Could not open the demo tenant: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pv::ui::ExitController</name>
    <message>
        <source>Runs are still active</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) still running. What should happen to them?</source>
        <translation>
            <numerusform>%n run still running. What should happen to it?</numerusform>
            <numerusform>%n runs still running. What should happen to them?</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Always keep running in the notification area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cancel runs and quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Don&apos;t close</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Quit PolicyVault and cancel %n running run(s)?</source>
        <translation>
            <numerusform>Quit PolicyVault and cancel %n running run?</numerusform>
            <numerusform>Quit PolicyVault and cancel %n running runs?</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelled runs keep their finished items and can be resumed later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Don&apos;t quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PolicyVault keeps running</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) still running. PolicyVault tells you when they end; open or quit it from its icon in the notification area.</source>
        <translation>
            <numerusform>%n run still running. PolicyVault tells you when it ends; open or quit it from its icon in the notification area.</numerusform>
            <numerusform>%n runs still running. PolicyVault tells you when they end; open or quit it from its icon in the notification area.</numerusform>
        </translation>
    </message>
    <message>
        <source>PolicyVault can keep running in the notification area and tell you when each run ends, or cancel the runs and quit. Cancelled runs keep their finished items and can be resumed later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closing the window quits PolicyVault and cancels the runs. Cancelled runs keep their finished items and can be resumed later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keep running</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pv::ui::Format</name>
    <message>
        <source>Queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Succeeded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partially succeeded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interrupted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Would create</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Would update</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Would delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pv::ui::MainMenu</name>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add Tenant…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a Microsoft Entra tenant to back up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove Tenant…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the selected tenant, its runs and its stored secrets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;xit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keep Running in the Notification Area When Closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closing the window while runs are active keeps PolicyVault running in the notification area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About PolicyVault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;Demo Tenant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A simulated tenant served on this computer: no Azure app registration needed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pv::ui::MainWindow</name>
    <message>
        <source>PolicyVault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No active runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) active</source>
        <translation>
            <numerusform>%n run active</numerusform>
            <numerusform>%n runs active</numerusform>
        </translation>
    </message>
    <message>
        <source>Added %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removed %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening the demo tenant…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The demo tenant %1 is ready.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pv::ui::MessageWidget</name>
    <message>
        <source>Close message</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pv::ui::NoTenantPage</name>
    <message>
        <source>&amp;Add Tenant…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No tenant yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add the Microsoft Entra tenant whose Intune configuration PolicyVault should back up. You need its tenant ID and the client ID of an app registration.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No tenant yet — add one with policyvault-cli tenant add …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For example: policyvault-cli tenant add Contoso --tenant-id contoso.onmicrosoft.com --client-id &lt;application id&gt;. It appears here as soon as it is added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;Demo Tenant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A simulated tenant served on this computer: try PolicyVault without an Azure app registration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening the Demo Tenant…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add the Microsoft Entra tenant whose Intune configuration PolicyVault should back up. You need its tenant ID and the client ID of an app registration. Or try PolicyVault first with the demo tenant, simulated on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pv::ui::NotificationBellButton</name>
    <message>
        <source>Notifications — nothing unread</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Notifications — %n unread</source>
        <translation>
            <numerusform>Notifications — %n unread</numerusform>
            <numerusform>Notifications — %n unread</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pv::ui::NotificationCentre</name>
    <message>
        <source>Notifications</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No notifications</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When a run ends or is interrupted, you will find a note about it here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark &amp;all read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Mark read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View run</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pv::ui::NotificationsModel</name>
    <message>
        <source>Notification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pv::ui::RunDetailPage</name>
    <message>
        <source>Yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to the list of runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cancel run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop after the item that is being processed; finished items are kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start a new run that redoes only the failed and unattempted items.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finished:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duration:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started by:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resumes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load run %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not cancel: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling… the run stops after the current item.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not resume: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No run selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — run %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Planning…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not started yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Still running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>—</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This run has no parameters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First failure — %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First failure — %1: %2 (request ID %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 items failed. %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run failed. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run was cancelled. Resume it to process the remaining items.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run was interrupted because the program running it stopped. Finished items are kept; resume it to process the rest.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This version of PolicyVault cannot run &quot;%1&quot; jobs, so it cannot resume this run.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pv::ui::RunItemsModel</name>
    <message>
        <source>#</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duration</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pv::ui::RunItemsPanel</name>
    <message>
        <source>Items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All outcomes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search items, messages, request IDs…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No items finished yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>They appear here as the run processes them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No item results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This run ended before it processed any item.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No items match the filter or search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose &quot;All outcomes&quot; or clear the search.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n item</numerusform>
            <numerusform>%n items</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n item(s)</source>
        <translation>
            <numerusform>%1 of %n item</numerusform>
            <numerusform>%1 of %n items</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pv::ui::RunMessages</name>
    <message>
        <source>Tenant %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) were interrupted</source>
        <translation type="unfinished">
            <numerusform>%n run was interrupted</numerusform>
            <numerusform>%n runs were interrupted</numerusform>
        </translation>
    </message>
    <message>
        <source>The program running them stopped. Finished items are kept; resume the runs from the Runs page (status &quot;Interrupted&quot;).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pv::ui::RunsModel</name>
    <message>
        <source>Planning…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duration</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pv::ui::RunsPage</name>
    <message>
        <source>Runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Succeeded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partially succeeded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interrupted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load runs: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No tenant selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a tenant with &quot;policyvault-cli tenant add&quot;, then choose it in the tenant list above.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No runs yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs appear here as soon as a backup, capture or restore preview starts — from this window or from policyvault-cli.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No runs match this filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose &quot;All&quot; in the Status list to see every run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n run(s)</source>
        <translation>
            <numerusform>%n run</numerusform>
            <numerusform>%n runs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n run(s)</source>
        <translation>
            <numerusform>%1 of %n run</numerusform>
            <numerusform>%1 of %n runs</numerusform>
        </translation>
    </message>
    <message>
        <source>Loading runs…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pv::ui::TenantActions</name>
    <message>
        <source>A tenant named &quot;%1&quot; already exists. Choose another name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not add the tenant: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not remove %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove Tenant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its runs, notifications and the secrets PolicyVault stored for it are deleted from this computer. Nothing changes in the tenant itself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 has %n active run(s). Cancel them and remove the tenant?</source>
        <translation>
            <numerusform>%1 has %n active run. Cancel it and remove the tenant?</numerusform>
            <numerusform>%1 has %n active runs. Cancel them and remove the tenant?</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Cancel runs and remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keep tenant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove %1 from PolicyVault?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove tenant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was not removed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was removed, but its secrets are still in the keychain (%2). PolicyVault removes them the next time it starts.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pv::ui::TenantDialog</name>
    <message>
        <source>Add Tenant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PolicyVault signs in to the tenant with an app registration that has read access to Intune (and write access, for restores).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. Contoso Production</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>contoso.onmicrosoft.com or the directory ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Tenant ID:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Application (client) ID of the app registration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Client ID:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device code (sign in on another device)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interactive sign-in (browser)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sign-in method:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Global (commercial)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>US Government (GCC High)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>US Government (DoD)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>China (operated by 21Vianet)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cl&amp;oud:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Read-only: review and back up, never restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom &amp;endpoints</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only for a private cloud or a test server; the cloud chooses the endpoints otherwise.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Graph URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Authority URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add Tenant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a name for the tenant.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the tenant ID: the directory ID or a verified domain such as contoso.onmicrosoft.com.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the application (client) ID of the app registration PolicyVault signs in with.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom endpoints need both the Graph URL and the authority URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not an https URL (plain http is allowed only for this computer).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pv::ui::TenantSelector</name>
    <message>
        <source>&amp;Tenant:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (read-only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1
Tenant ID: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No tenant yet</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pv::ui::TrayNotifier</name>
    <message>
        <source>PolicyVault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open PolicyVault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
