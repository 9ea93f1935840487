// Key Vault (Azure RBAC authorization, soft delete, optional purge protection).
// No secret VALUES live in these templates: ops create the secrets
// `sendgrid-api-key`, `link-signing-key` and `admin-api-key` with
// `az keyvault secret set` (see infra/README.md). The app reads them through
// App Service Key Vault references resolved with the user-assigned identity,
// which gets Key Vault Secrets User on the vault.
// On Flex Consumption Key Vault references fail against a network-restricted
// vault, so public network access stays enabled (access is RBAC-only).

@description('Key Vault name (3-24 characters).')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region.')
param location string

@description('Tags applied to every resource.')
param tags object

@description('Principal id of the managed identity that reads secrets (Key Vault Secrets User).')
param identityPrincipalId string

@description('Enable purge protection (irreversible once enabled). Recommended for prod.')
param enablePurgeProtection bool

@description('Soft-delete retention in days.')
@minValue(7)
@maxValue(90)
param softDeleteRetentionInDays int = 90

@description('Optional object id of a user/group/service principal that manages secret values (gets Key Vault Secrets Officer). Empty = none.')
param keyVaultOperatorPrincipalId string = ''

@description('Principal type of keyVaultOperatorPrincipalId.')
@allowed([
  'User'
  'Group'
  'ServicePrincipal'
])
param keyVaultOperatorPrincipalType string = 'User'

// Key Vault Secrets User / Key Vault Secrets Officer
var secretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'
var secretsOfficerRoleId = 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: softDeleteRetentionInDays
    // The API rejects an explicit `false`; omit the property instead.
    enablePurgeProtection: enablePurgeProtection ? true : null
    enabledForDeployment: false
    enabledForDiskEncryption: false
    enabledForTemplateDeployment: false
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }
}

resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identityPrincipalId, secretsUserRoleId)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', secretsUserRoleId)
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource operatorSecretsOfficer 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(keyVaultOperatorPrincipalId)) {
  name: guid(vault.id, keyVaultOperatorPrincipalId, secretsOfficerRoleId)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', secretsOfficerRoleId)
    principalId: keyVaultOperatorPrincipalId
    principalType: keyVaultOperatorPrincipalType
  }
}

@description('Key Vault name.')
output name string = vault.name

@description('Key Vault resource id.')
output id string = vault.id

@description('Vault URI, e.g. https://<name>.vault.azure.net/ (ends with a slash).')
output vaultUri string = vault.properties.vaultUri
