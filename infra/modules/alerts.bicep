// Action group (e-mail) + three log-search alert rules on Application Insights:
//  1. function failures   - `requests` rows with success == false (the Functions
//                           host records every timer/queue/HTTP invocation as a request);
//  2. poison queue        - custom metric `digest_poison_messages` > 0. Azure Storage
//                           only exposes an account-wide QueueMessageCount (no per-queue
//                           dimension), so the app itself reports the approximate
//                           length of `digest-requests-poison`;
//  3. feed failing > 1 day - custom metric `feed_failures` (1 = poll failed, 0 = poll
//                           succeeded, dimension `feedId`) with no success in 24 h.
// The metric contract is documented in infra/README.md.

@description('Base name used for the alert resources.')
param namePrefix string

@description('Azure region of the alert rules.')
param location string

@description('Tags applied to every resource.')
param tags object

@description('E-mail address that receives alerts.')
param alertEmail string

@description('Short name of the action group (max 12 characters).')
@maxLength(12)
param actionGroupShortName string

@description('Resource id of the Application Insights component queried by the alerts.')
param appInsightsId string

@description('Function App name (used in alert descriptions).')
param functionAppName string

// Log queries (App Insights classic table names; the rules are scoped to the component).
// Failed invocations per function (operation_Name = function name).
var functionFailuresQuery = '''
requests
| where success == false
| summarize failures = count() by FunctionName = operation_Name
'''

// Highest approximate length of digest-requests-poison reported by the app in the window.
var poisonQueueQuery = '''
customMetrics
| where name == "digest_poison_messages"
| summarize poisonMessages = max(value)
'''

// Feeds whose every poll in the 1-day window failed and whose first failure in the window is > 23 h old.
var feedFailingQuery = '''
customMetrics
| where name == "feed_failures"
| extend FeedId = tostring(customDimensions["feedId"])
| summarize successes = countif(value <= 0), firstSeen = min(timestamp) by FeedId
| where successes == 0 and firstSeen < ago(23h)
| summarize failingFeeds = count() by FeedId
'''

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: 'ag-${namePrefix}'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: actionGroupShortName
    enabled: true
    emailReceivers: [
      {
        name: 'ops-email'
        emailAddress: alertEmail
        useCommonAlertSchema: true
      }
    ]
  }
}

resource functionFailures 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: 'alert-${namePrefix}-function-failures'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: 'RelationsAlerts: function failures (${functionAppName})'
    description: 'At least one function invocation (timer, queue or HTTP) failed in the last 15 minutes.'
    severity: 2
    enabled: true
    scopes: [
      appInsightsId
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    criteria: {
      allOf: [
        {
          query: functionFailuresQuery
          timeAggregation: 'Total'
          metricMeasureColumn: 'failures'
          dimensions: [
            {
              name: 'FunctionName'
              operator: 'Include'
              values: [
                '*'
              ]
            }
          ]
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    autoMitigate: true
    actions: {
      actionGroups: [
        actionGroup.id
      ]
    }
  }
}

resource poisonQueue 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: 'alert-${namePrefix}-digest-poison'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: 'RelationsAlerts: digest-requests-poison is not empty (${functionAppName})'
    description: 'The app reported custom metric digest_poison_messages > 0: digest requests failed maxDequeueCount times and were moved to the digest-requests-poison queue.'
    severity: 2
    enabled: true
    scopes: [
      appInsightsId
    ]
    evaluationFrequency: 'PT15M'
    windowSize: 'PT1H'
    criteria: {
      allOf: [
        {
          query: poisonQueueQuery
          timeAggregation: 'Maximum'
          metricMeasureColumn: 'poisonMessages'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    autoMitigate: true
    actions: {
      actionGroups: [
        actionGroup.id
      ]
    }
  }
}

resource feedFailing 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: 'alert-${namePrefix}-feed-failing'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: 'RelationsAlerts: feed failing for more than a day (${functionAppName})'
    description: 'A feed reported feed_failures = 1 on every poll for the last 24 hours (no successful poll, first failure in the window older than 23 hours).'
    severity: 3
    enabled: true
    scopes: [
      appInsightsId
    ]
    evaluationFrequency: 'PT1H'
    windowSize: 'P1D'
    criteria: {
      allOf: [
        {
          query: feedFailingQuery
          timeAggregation: 'Total'
          metricMeasureColumn: 'failingFeeds'
          dimensions: [
            {
              name: 'FeedId'
              operator: 'Include'
              values: [
                '*'
              ]
            }
          ]
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    autoMitigate: true
    actions: {
      actionGroups: [
        actionGroup.id
      ]
    }
  }
}

@description('Resource id of the action group.')
output actionGroupId string = actionGroup.id
