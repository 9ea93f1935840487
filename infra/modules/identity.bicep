// User-assigned managed identity used by the Function App for everything:
// AzureWebJobsStorage (blob/queue/table), the Flex deployment container,
// Key Vault references and Application Insights (Entra ID) ingestion.

@description('Name of the user-assigned managed identity.')
param name string

@description('Azure region.')
param location string

@description('Tags applied to every resource.')
param tags object

resource uami 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: name
  location: location
  tags: tags
}

@description('Resource id of the identity.')
output id string = uami.id

@description('Name of the identity.')
output name string = uami.name

@description('Client (application) id of the identity.')
output clientId string = uami.properties.clientId

@description('Principal (object) id of the identity, used for role assignments.')
output principalId string = uami.properties.principalId
