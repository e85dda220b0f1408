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
    <message>
        <source>%1 new</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 unchanged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 would be created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 would change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 would be deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 in conflict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be restored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 uncertain</source>
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
    <name>pv::ui::BackupController</name>
    <message>
        <source>Could not start the backup: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose or add a tenant to back it up.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This version of PolicyVault cannot back up tenants.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting the backup…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Capture every policy of this tenant into a new snapshot, in the background.</source>
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
    <name>pv::ui::BrowserSignInDialog</name>
    <message>
        <source>Sign in to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening the sign-in page in your browser…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in with your work account in the browser window that opened, then come back here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your browser could not be opened. Open the sign-in page yourself:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the sign-in page again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for you to sign in…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sign-in did not finish.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-in failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling…</source>
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
    <name>pv::ui::DeviceCodeDialog</name>
    <message>
        <source>Sign in to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking Microsoft Entra for a sign-in code…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-in code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On any device, open the page below, enter this code and sign in with your work account.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for you to sign in…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-in failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The code expired.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The code expires in %1:%2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling…</source>
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
    <message>
        <source>New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings catalog</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Endpoint security</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Security baselines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assignment filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scope tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conflict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Uncertain</source>
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
    <message>
        <source>&amp;Edit Tenant…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the selected tenant&apos;s sign-in, cloud and endpoints, and test its connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Back Up Now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Capture every policy of the selected tenant into a new snapshot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sign In…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in to the selected tenant as yourself (device code or browser)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign &amp;Out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forget the sign-in to the selected tenant (deletes the stored refresh token)</source>
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
    <message>
        <source>Snapshots</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A backup of this tenant is already running (run %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backup started (run %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Policies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore started (run %1).</source>
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
    <name>pv::ui::PoliciesModel</name>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Platform</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last modified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Versions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Technologies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last captured</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pv::ui::PoliciesPage</name>
    <message>
        <source>Policies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search by name or Graph id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All types</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Security baselines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Versions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>General</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load policies: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n policy(ies)</source>
        <translation>
            <numerusform>%n policy</numerusform>
            <numerusform>%n policies</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2 policies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load the policy: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Capture snapshot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read this policy from the tenant now and record a new version when it changed. Runs in the background.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assignments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No tenant selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a tenant, or add one, to see its policies.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No policies captured yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back up this tenant (Back up now, in the toolbar) to capture its policies. They appear here when the backup has finished.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is already being captured (run %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Capturing “%1” in the background (run %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>View run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Capture snapshot (run %1): %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore This &amp;Version…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a version to preview restoring it into the tenant.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pv::ui::PolicyAssignmentsTab</name>
    <message>
        <source>Assignment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Excluded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Included</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Include</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exclude</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group id: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The group&apos;s name was not captured (deleted, or not readable with this tenant&apos;s permissions).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter id: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not assigned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This policy applies to no device or user. Assign it to groups in the Intune portal, then back up the tenant or capture this policy again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 included, %2 excluded</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pv::ui::PolicyCaptureAction</name>
    <message>
        <source>Could not start the capture: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pv::ui::PolicyGeneralTab</name>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Platform</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Technologies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scope tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last modified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None (not made from a template)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pv::ui::PolicyJsonTab</name>
    <message>
        <source>Find in JSON (Enter: next)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pv::ui::PolicySettingsModel</name>
    <message>
        <source>Category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Setting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profiles | interfaces</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pv::ui::PolicySettingsTab</name>
    <message>
        <source>Search settings, values, definition ids, descriptions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the settings of one category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All categories</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(No category)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n row(s)</source>
        <translation>
            <numerusform>%n row</numerusform>
            <numerusform>%n rows</numerusform>
        </translation>
    </message>
    <message>
        <source>No settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This kind of object has no settings catalog; the JSON tab shows all of it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This policy configures no settings. Add settings to it in the Intune portal, then capture it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No setting matches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing matches “%1” here. Clear the search or choose All categories.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pv::ui::PolicyVersionsTab</name>
    <message>
        <source>Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Captured</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Content hash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>with version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Setting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Old value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only one version so far</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new version is recorded when a backup or Capture snapshot finds this policy changed; then you can compare versions here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No version captured</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back up the tenant to record this policy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comparing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not compare: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No setting changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n change(s)</source>
        <translation>
            <numerusform>%n change</numerusform>
            <numerusform>%n changes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pv::ui::RestoreConfirmPanel</name>
    <message>
        <source>Before the first write the restore saves every object it overwrites into a new &quot;pre-restore&quot; snapshot, so this restore can itself be undone. Right before each write it reads the object again: one that changed since the preview is left alone and reported as a conflict. Nothing is deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore the plan of preview run %1 into tenant &lt;b&gt;%2&lt;/b&gt;:</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>create %n object(s) deleted since the snapshot</source>
        <translation>
            <numerusform>create %n object deleted since the snapshot</numerusform>
            <numerusform>create %n objects deleted since the snapshot</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>update %n object(s) to their snapshot content</source>
        <translation>
            <numerusform>update %n object to its snapshot content</numerusform>
            <numerusform>update %n objects to their snapshot content</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>skip %n item(s) with a conflict or that cannot be restored</source>
        <translation>
            <numerusform>skip %n item with a conflict or that cannot be restored</numerusform>
            <numerusform>skip %n items with a conflict or that cannot be restored</numerusform>
        </translation>
    </message>
    <message>
        <source>assignments are replaced with the snapshot&apos;s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>assignments are left as they are</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>I understand this writes %n change(s) to tenant %1</source>
        <translation>
            <numerusform>I understand this writes %n change to tenant %1</numerusform>
            <numerusform>I understand this writes %n changes to tenant %1</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 is a read-only tenant profile: PolicyVault previews restores into it but never writes. Edit the tenant to allow restores.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read-only tenants cannot be restored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everything already matches the snapshot. There is nothing to restore.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The plan writes nothing.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pv::ui::RestoreDiffView</name>
    <message>
        <source>True</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>False</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Setting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In the tenant now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After the restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No item selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select an item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its differences with the tenant show here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This object no longer exists in the tenant: the restore creates it again with the snapshot&apos;s content.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not restored (conflict): %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no reason recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot be restored: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1
%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Properties (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assignments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assignments: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secret values needed (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not readable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Supply a value in the Secrets step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No differences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The tenant already matches the snapshot for this item.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No differences recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pv::ui::RestoreFlow</name>
    <message>
        <source>Restore Policy Version — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore from Snapshot %1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tenant: %1 (read-only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tenant: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt; &amp;Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the tenant…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comparing the snapshot with the tenant…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview run %1 is reading the tenant…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling the preview…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1. Choose items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>2. Preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>3. Review changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>4. Secrets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>5. Confirm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The preview only reads the tenant. Nothing is written until you confirm the restore.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel &amp;Preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting the preview…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The preview did not finish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This version of PolicyVault has no keychain to keep secret values in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not store the values in the keychain: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not start the restore: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the tenant and show what the restore would change. Nothing is written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose at least one object to restore.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Preview Again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Next &gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The plan writes nothing: there is nothing to restore.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The plan writes nothing yet: supply values and preview again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is a read-only tenant profile: restores into it are not allowed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start the restore in the background and show its run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tick the confirmation first.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pv::ui::RestoreItemsStep</name>
    <message>
        <source>Object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Captured version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore &amp;assignments too (replaces each object&apos;s assignments with the snapshot&apos;s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No snapshot to restore from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A restore puts back what a snapshot holds. Back the tenant up first, then restore from its snapshot.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore this version of the policy. The preview reads the tenant and shows what would change; nothing is written before you confirm.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose what to restore from snapshot %1. The preview reads the tenant and shows what would change; nothing is written before you confirm.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>v%1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version %1 is not a version of this policy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read what to restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This snapshot holds no objects of the types PolicyVault restores.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n object(s) chosen</source>
        <translation>
            <numerusform>%1 of %n object chosen</numerusform>
            <numerusform>%1 of %n objects chosen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pv::ui::RestorePlanModel</name>
    <message>
        <source>%1
Graph id: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Update</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conflict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n to create</source>
        <translation>
            <numerusform>%n to create</numerusform>
            <numerusform>%n to create</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n to update</source>
        <translation>
            <numerusform>%n to update</numerusform>
            <numerusform>%n to update</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unchanged</source>
        <translation type="unfinished">
            <numerusform>%n unchanged</numerusform>
            <numerusform>%n unchanged</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n conflict(s)</source>
        <translation>
            <numerusform>%n conflict</numerusform>
            <numerusform>%n conflicts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n cannot be restored</source>
        <translation>
            <numerusform>%n cannot be restored</numerusform>
            <numerusform>%n cannot be restored</numerusform>
        </translation>
    </message>
    <message>
        <source>Deleted from the tenant since the snapshot</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n setting(s)</source>
        <translation>
            <numerusform>%n setting</numerusform>
            <numerusform>%n settings</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n propert(y/ies)</source>
        <translation>
            <numerusform>%n property</numerusform>
            <numerusform>%n properties</numerusform>
        </translation>
    </message>
    <message>
        <source>Matches the snapshot</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pv::ui::RestorePreviewController</name>
    <message>
        <source>Could not read the preview run %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not start the preview: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not cancel the preview: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The preview was cancelled. Nothing was read into a plan and nothing was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The preview run %1 did not finish (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The preview failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The preview run %1 ended without storing a plan.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the plan of preview run %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pv::ui::RestoreReviewStep</name>
    <message>
        <source>&amp;Show:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plan of preview run %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everything already matches the snapshot. There is nothing to restore.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Nothing can be restored: %n item(s) have a conflict or cannot be restored. See the details of each.</source>
        <translation>
            <numerusform>Nothing can be restored: %n item has a conflict or cannot be restored. See the details of each.</numerusform>
            <numerusform>Nothing can be restored: %n items have a conflict or cannot be restored. See the details of each.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) will be skipped: a conflict, or content that cannot be restored. The others can still be restored.</source>
        <translation>
            <numerusform>%n item will be skipped: a conflict, or content that cannot be restored. The others can still be restored.</numerusform>
            <numerusform>%n items will be skipped: a conflict, or content that cannot be restored. The others can still be restored.</numerusform>
        </translation>
    </message>
    <message>
        <source>All actions (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pv::ui::RestoreSecretsPanel</name>
    <message>
        <source>Some settings hold secrets (passwords, shared keys) that Graph never returns, and the value captured in the snapshot is no longer valid. Type the values to restore them; items left empty stay &quot;Cannot restore&quot;. The values go to the system keychain only — never to the database or the logs — and are deleted once the restore is done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use these values and &amp;preview again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store the values in the keychain and preview again with them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type at least one value first.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pv::ui::RunAuditPanel</name>
    <message>
        <source>What this run recorded in the tamper-evident audit log: its start, each write&apos;s intent before it was sent and its outcome after, and its end.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the audit log</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n audit row(s)</source>
        <translation>
            <numerusform>%n audit row</numerusform>
            <numerusform>%n audit rows</numerusform>
        </translation>
    </message>
    <message>
        <source>No audit log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This window was opened without the audit log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No audit rows yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A restore records its start, every write and its end here as it runs.</source>
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
    <message>
        <source>Open &amp;snapshot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Types</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Full re-read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show snapshot %1, which this backup recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The snapshot can be opened once the backup has finished.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This run recorded no snapshot.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking for the snapshot…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview run %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit trail</source>
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
        <translation>
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
    <name>pv::ui::SignInController</name>
    <message>
        <source>Cannot read the sign-in of %1 from the keychain: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in as %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing out of %1 failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pv::ui::SnapshotDetailPanel</name>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Policies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search policies…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading snapshot…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Snapshot %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This snapshot is still being captured; what it holds so far is shown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incomplete: the backup did not read everything, so this snapshot may lack some policies.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incomplete: not every page of %1 arrived, so this snapshot may lack some of those policies. Deletions are not counted for them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>This version of PolicyVault does not capture %n other Intune type(s), so this snapshot does not hold them.</source>
        <translation>
            <numerusform>This version of PolicyVault does not capture %n other Intune type, so this snapshot does not hold it.</numerusform>
            <numerusform>This version of PolicyVault does not capture %n other Intune types, so this snapshot does not hold them.</numerusform>
        </translation>
    </message>
    <message>
        <source>Taken %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backup run %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (incomplete)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The first snapshot of this type.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>—</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compared with snapshot %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not counted: this type is incomplete in this snapshot.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n row(s)</source>
        <translation>
            <numerusform>%1 of %n row</numerusform>
            <numerusform>%1 of %n rows</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n policy(s)</source>
        <translation>
            <numerusform>%n policy</numerusform>
            <numerusform>%n policies</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n deleted since the previous snapshot</source>
        <translation>
            <numerusform>%n deleted since the previous snapshot</numerusform>
            <numerusform>%n deleted since the previous snapshot</numerusform>
        </translation>
    </message>
    <message>
        <source>No policies in this snapshot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The tenant had none of the captured types.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No policies match the search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear the search to see all.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Restore…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only a finished snapshot that holds objects can be restored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Preview a restore of the %n selected object(s) of this snapshot into the tenant.</source>
        <translation>
            <numerusform>Preview a restore of the %n selected object of this snapshot into the tenant.</numerusform>
            <numerusform>Preview a restore of the %n selected objects of this snapshot into the tenant.</numerusform>
        </translation>
    </message>
    <message>
        <source>Preview a restore of this snapshot into the tenant; nothing is written before you confirm.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pv::ui::SnapshotPoliciesModel</name>
    <message>
        <source>Deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>v%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Platform</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Since previous</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version captured</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pv::ui::SnapshotsModel</name>
    <message>
        <source>%1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Capture in progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First snapshot</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n new</source>
        <translation>
            <numerusform>%n new</numerusform>
            <numerusform>%n new</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n changed</source>
        <translation>
            <numerusform>%n changed</numerusform>
            <numerusform>%n changed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n deleted</source>
        <translation>
            <numerusform>%n deleted</numerusform>
            <numerusform>%n deleted</numerusform>
        </translation>
    </message>
    <message>
        <source>No changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No changes seen (incomplete)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n unchanged</source>
        <translation>
            <numerusform>%n unchanged</numerusform>
            <numerusform>%n unchanged</numerusform>
        </translation>
    </message>
    <message>
        <source>In progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Complete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incomplete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incomplete: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not every page of these types arrived, so the snapshot may lack some of their policies: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Taken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Policies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Since the previous snapshot</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pv::ui::SnapshotsPage</name>
    <message>
        <source>Snapshots</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load snapshots: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load snapshot %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n snapshot(s)</source>
        <translation>
            <numerusform>%n snapshot</numerusform>
            <numerusform>%n snapshots</numerusform>
        </translation>
    </message>
    <message>
        <source>Loading snapshots…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No tenant selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a tenant in the list above.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No snapshots yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A snapshot records every policy of the tenant as it is now. Back the tenant up to take the first one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A snapshot records every policy of the tenant as it is now. Back the tenant up with &quot;policyvault-cli backup&quot; to take the first one.</source>
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
    <message>
        <source>Could not save the tenant: %1</source>
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
    <message>
        <source>PEM or PFX file registered on the app</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the Certificate File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificates (*.pem *.pfx *.p12);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate &amp;file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client s&amp;ecret:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional: extra CA (PEM) for TLS inspection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the CA Certificate File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PEM certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;A file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Test Connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit Tenant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the certificate file (PEM or PFX) registered on the app.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate file %1 does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The CA file %1 does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate pass&amp;word:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stored in the keychain; leave empty to keep it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Empty when the key has no password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The secret&apos;s value, stored in the keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing in and reading from Microsoft Graph…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(request-id %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every check passed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 checks failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in and read one page of everything a backup reads</source>
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
