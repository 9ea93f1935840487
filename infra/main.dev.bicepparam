using './main.bicep'

param environmentName = 'dev'
param instanceMemoryMB = 2048
param maximumInstanceCount = 40
param alertEmail = 'ops-dev@example.org'
param pollSchedule = '0 */15 * * * *'
param scheduleDigestsSchedule = '0 */15 * * * *'
param sendGridWebhookPublicKey = ''
param sendGridFromEmail = 'alerts-dev@example.org'
param publicBaseUrl = ''
param adminJwtAuthority = ''
param adminJwtAudience = ''
param adminJwtRequiredRole = ''
param enableKeyVaultPurgeProtection = false
