// RelationsAlerts infrastructure: Azure Functions custom handler (self-contained
// linux-x64 `handler` executable) on the Flex Consumption plan.
//
//   az deployment group create -g <rg> --template-file infra/main.bicep --parameters infra/main.dev.bicepparam
//
// Modules (all local, raw resources only):
//   identity    - user-assigned managed identity used by the app for everything
//   monitoring  - Log Analytics + Application Insights (local auth disabled)
//   storage     - storage account (no shared keys): deployment container, tables, queues
//   keyvault    - RBAC Key Vault; secret values are created by ops, never here
//   functionapp - FC1 plan + Function App (runtime custom 1.0) + app settings
//   alerts      - action group + log alerts (failures, poison queue, failing feeds)
targetScope = 'resourceGroup'

@description('Environment name, e.g. dev or prod. Lowercase letters and digits; used in resource names.')
@minLength(2)
@maxLength(8)
param environmentName string

@description('Azure region for all resources.')
param location string = resourceGroup().location

@description('Memory per Flex Consumption instance, in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Maximum number of Flex Consumption instances.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('E-mail address that receives operational alerts.')
param alertEmail string

@description('NCRONTAB schedule (6 fields, UTC) of the PollFeeds timer function; exposed as app setting PollFeedsSchedule.')
param pollSchedule string = '0 */15 * * * *'

@description('NCRONTAB schedule (6 fields, UTC) of the ScheduleDigests timer function; exposed as app setting ScheduleDigestsSchedule.')
param scheduleDigestsSchedule string = '0 */15 * * * *'

@description('SendGrid Event Webhook verification key (base64 DER public key from SendGrid, not a secret); app setting Webhooks__SendGridPublicKey. Empty = the webhook endpoint refuses every call.')
param sendGridWebhookPublicKey string = ''

@description('Sender address for digest e-mails (must be a verified SendGrid sender).')
param sendGridFromEmail string

@description('Public base URL for links in e-mails (e.g. https://alerts.example.org). Empty = the Function App default host name.')
param publicBaseUrl string = ''

@description('Optional: also accept Microsoft Entra ID access tokens on the admin API. Token issuer authority, e.g. https://login.microsoftonline.com/<tenant-id>/v2.0; app setting Admin__Jwt__Authority. Empty = API keys only.')
param adminJwtAuthority string = ''

@description('Audience (aud) the admin tokens must carry: the API app registration\'s client ID; app setting Admin__Jwt__Audience. Required when adminJwtAuthority is set.')
param adminJwtAudience string = ''

@description('App role a token must carry (roles claim), e.g. Alerts.Admin; app setting Admin__Jwt__RequiredRoles__0. Empty = any valid token for the audience.')
param adminJwtRequiredRole string = ''

@description('Enable Key Vault purge protection (irreversible). Recommended for prod.')
param enableKeyVaultPurgeProtection bool = false

@description('Optional object id of the operator (user/group/service principal) that sets secret values; gets Key Vault Secrets Officer. Empty = none.')
param keyVaultOperatorPrincipalId string = ''

@description('Principal type of keyVaultOperatorPrincipalId.')
@allowed([
  'User'
  'Group'
  'ServicePrincipal'
])
param keyVaultOperatorPrincipalType string = 'User'

var tags = {
  app: 'relationsalerts'
  environment: environmentName
}

// Names: <abbreviation>-relationsalerts-<env>-<token>; storage and Key Vault have tighter rules.
var token = toLower(uniqueString(resourceGroup().id))
var env = toLower(replace(replace(environmentName, '-', ''), '_', ''))
var baseName = 'relationsalerts-${env}-${token}'
var functionAppName = 'func-${baseName}'
var storageAccountName = take('st${env}${token}', 24)
var keyVaultName = take('kv-${env}-${token}', 24)
var deploymentContainerName = 'app-package-${env}-${take(token, 7)}'

module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: {
    name: 'id-${baseName}'
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    logAnalyticsName: 'log-${baseName}'
    appInsightsName: 'appi-${baseName}'
    location: location
    tags: tags
    identityPrincipalId: identity.outputs.principalId
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    name: storageAccountName
    location: location
    tags: tags
    deploymentContainerName: deploymentContainerName
    identityPrincipalId: identity.outputs.principalId
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    name: keyVaultName
    location: location
    tags: tags
    identityPrincipalId: identity.outputs.principalId
    enablePurgeProtection: enableKeyVaultPurgeProtection
    keyVaultOperatorPrincipalId: keyVaultOperatorPrincipalId
    keyVaultOperatorPrincipalType: keyVaultOperatorPrincipalType
  }
}

// Consumes outputs of monitoring, storage and keyvault, so it deploys after
// those modules (including their role assignments) have completed.
module functionApp 'modules/functionapp.bicep' = {
  name: 'functionapp'
  params: {
    name: functionAppName
    planName: 'plan-${baseName}'
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    storageBlobEndpoint: storage.outputs.blobEndpoint
    deploymentContainerName: storage.outputs.deploymentContainerName
    appInsightsConnectionString: monitoring.outputs.connectionString
    keyVaultUri: keyVault.outputs.vaultUri
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    pollSchedule: pollSchedule
    scheduleDigestsSchedule: scheduleDigestsSchedule
    sendGridWebhookPublicKey: sendGridWebhookPublicKey
    sendGridFromEmail: sendGridFromEmail
    publicBaseUrl: publicBaseUrl
    adminJwtAuthority: adminJwtAuthority
    adminJwtAudience: adminJwtAudience
    adminJwtRequiredRole: adminJwtRequiredRole
  }
}

module alerts 'modules/alerts.bicep' = {
  name: 'alerts'
  params: {
    namePrefix: baseName
    location: location
    tags: tags
    alertEmail: alertEmail
    actionGroupShortName: take('relalert${env}', 12)
    appInsightsId: monitoring.outputs.appInsightsId
    functionAppName: functionApp.outputs.name
  }
}

@description('HTTPS URL of the Function App.')
output appUrl string = functionApp.outputs.url

@description('Function App name.')
output functionAppName string = functionApp.outputs.name

@description('Storage account name.')
output storageAccountName string = storage.outputs.name

@description('Key Vault name.')
output keyVaultName string = keyVault.outputs.name

@description('Client id of the user-assigned managed identity.')
output identityClientId string = identity.outputs.clientId
