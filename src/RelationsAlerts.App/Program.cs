using RelationsAlerts.App.Cli;

return await CliApp.RunAsync(args);
