// Flex Consumption (FC1) plan + Linux Function App running the RelationsAlerts
// custom handler (runtime `custom` 1.0; the package's host.json points
// customHandler.description.defaultExecutablePath at the self-contained
// linux-x64 `handler` executable).
//
// Deliberately NOT set (unsupported/deprecated on Flex Consumption):
// FUNCTIONS_WORKER_RUNTIME, FUNCTIONS_EXTENSION_VERSION, WEBSITE_RUN_FROM_PACKAGE,
// WEBSITE_CONTENT*, WEBSITE_TIME_ZONE, TZ. Timer schedules are UTC.

@description('Function App name.')
param name string

@description('Flex Consumption plan name.')
param planName string

@description('Azure region.')
param location string

@description('Tags applied to every resource.')
param tags object

@description('Resource id of the user-assigned managed identity.')
param identityId string

@description('Client id of the user-assigned managed identity.')
param identityClientId string

@description('Storage account name (AzureWebJobsStorage, identity-based).')
param storageAccountName string

@description('Primary blob endpoint of the storage account (ends with a slash).')
param storageBlobEndpoint string

@description('Name of the deployment-package blob container.')
param deploymentContainerName string

@description('Application Insights connection string.')
param appInsightsConnectionString string

@description('Key Vault URI (ends with a slash).')
param keyVaultUri string

@description('Instance memory size in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int

@description('Maximum number of instances.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int

@description('NCRONTAB (6-field, UTC) schedule of the PollFeeds timer function.')
param pollSchedule string

@description('NCRONTAB (6-field, UTC) schedule of the ScheduleDigests timer function.')
param scheduleDigestsSchedule string

@description('SendGrid Event Webhook verification key (base64 DER public key; not a secret). Empty = the webhook endpoint refuses every call.')
param sendGridWebhookPublicKey string

@description('Sender address for digest e-mails (SendGrid verified sender).')
param sendGridFromEmail string

@description('Public base URL used in e-mailed links. Empty = https://<defaultHostName>.')
param publicBaseUrl string

@description('Entra ID token authority for the admin API. Empty = API keys only.')
param adminJwtAuthority string

@description('Audience the admin API tokens must carry.')
param adminJwtAudience string

@description('App role the admin API tokens must carry. Empty = any valid token for the audience.')
param adminJwtRequiredRole string

// Key Vault references for the secrets created by ops (values never live in these templates).
// Versionless references: new secret versions are picked up within 24 h, or on restart / config change.
var kvRefs = {
  sendGridApiKey: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/sendgrid-api-key/)'
  linkSigningKey: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/link-signing-key/)'
  adminApiKey: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/admin-api-key/)'
}

resource plan 'Microsoft.Web/serverfarms@2024-11-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2024-11-01' = {
  name: name
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storageBlobEndpoint}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'custom'
        version: '1.0'
      }
    }
  }

  resource ftpPolicy 'basicPublishingCredentialsPolicies' = {
    name: 'ftp'
    properties: {
      allow: false
    }
  }

  resource scmPolicy 'basicPublishingCredentialsPolicies' = {
    name: 'scm'
    properties: {
      allow: false
    }
  }

  resource appSettings 'config' = {
    name: 'appsettings'
    properties: {
      // Identity-based AzureWebJobsStorage (host storage + queue/timer triggers).
      AzureWebJobsStorage__accountName: storageAccountName
      AzureWebJobsStorage__credential: 'managedidentity'
      AzureWebJobsStorage__clientId: identityClientId
      // Application Insights with Entra ID auth (local auth disabled on the component).
      APPLICATIONINSIGHTS_CONNECTION_STRING: appInsightsConnectionString
      APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
      // App configuration (read by the function.json %PollFeedsSchedule% / %ScheduleDigestsSchedule% and by the handler).
      PollFeedsSchedule: pollSchedule
      ScheduleDigestsSchedule: scheduleDigestsSchedule
      Webhooks__SendGridPublicKey: sendGridWebhookPublicKey
      SendGrid__ApiKey: kvRefs.sendGridApiKey
      SendGrid__FromEmail: sendGridFromEmail
      Links__SigningKey: kvRefs.linkSigningKey
      Links__PublicBaseUrl: empty(publicBaseUrl) ? 'https://${site.properties.defaultHostName}' : publicBaseUrl
      Admin__ApiKeys__0: kvRefs.adminApiKey
      // Optional Entra ID tokens on the admin API: empty values leave it off (the handler treats blank as unset).
      Admin__Jwt__Authority: adminJwtAuthority
      Admin__Jwt__Audience: adminJwtAudience
      Admin__Jwt__RequiredRoles__0: adminJwtRequiredRole
    }
  }
}

@description('Function App name.')
output name string = site.name

@description('Function App resource id.')
output id string = site.id

@description('Default host name of the Function App.')
output defaultHostName string = site.properties.defaultHostName

@description('HTTPS URL of the Function App.')
output url string = 'https://${site.properties.defaultHostName}'
