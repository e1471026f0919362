using ResultsLive.Cli;

return await CliApp.Create().Parse(args).InvokeAsync();
